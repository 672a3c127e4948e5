public class H4 { public static void main(String[] a){ StringBuilder b = new StringBuilder("hi"); b.append(java.time.Instant.now().toString().length()); System.out.println(b); } }
