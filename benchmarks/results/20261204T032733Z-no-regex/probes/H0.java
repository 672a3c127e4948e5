public class H0 { public static void main(String[] a){ System.out.println("hi"); } }
