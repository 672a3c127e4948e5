public class H3 { public static void main(String[] a){ StringBuilder b = new StringBuilder("hi"); b.append(a.length); System.out.println(b); } }
