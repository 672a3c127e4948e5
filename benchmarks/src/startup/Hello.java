/** The start-up baseline: the least a Java program can do. */
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
