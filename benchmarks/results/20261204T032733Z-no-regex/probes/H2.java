public class H2 { public static void main(String[] a){ System.out.println("hi" + java.util.regex.Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*").matcher("abc-def").matches()); } }
