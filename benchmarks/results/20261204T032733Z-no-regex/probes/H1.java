public class H1 { public static void main(String[] a){ System.out.println("hi" + System.getenv().size()); } }
