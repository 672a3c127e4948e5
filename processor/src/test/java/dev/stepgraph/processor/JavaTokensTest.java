package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Java source reduced to its tokens: what a step's fingerprint reads of its method. */
class JavaTokensTest {

  @Test
  void whitespaceAndCommentsGoOneSpaceSeparatesTheTokens() {
    assertEquals("void users ( StepContext ctx ) { int x = 1 ; }",
        JavaTokens.of("void users(StepContext ctx) {\n  int x=1; // one\n}\n"));
    assertEquals("void users ( StepContext ctx ) { int x = 1 ; }",
        JavaTokens.of("/** Doc. */ void\tusers ( StepContext /* the context */ ctx )\r\n{ int\fx =\n 1 ;\n}"));
    assertEquals("", JavaTokens.of("  // only a comment\n/* and another */\n"));
    assertEquals("a", JavaTokens.of("a/* unterminated"));
  }

  @Test
  void literalsAreKeptAsWritten() {
    assertEquals("s = \"a  b // not a comment /* nor this */\" ;",
        JavaTokens.of("s = \"a  b // not a comment /* nor this */\";"));
    assertEquals("s = \"say \\\"hi\\\"  \" + ' ' + '\\'' ;", JavaTokens.of("s = \"say \\\"hi\\\"  \"+' '+'\\'';"));
    assertNotEquals(JavaTokens.of("s = \"a b\";"), JavaTokens.of("s = \"a  b\";"));
    assertNotEquals(JavaTokens.of("c = ' ';"), JavaTokens.of("c = '\\t';"));
  }

  @Test
  void aTextBlockKeepsItsContentButNotItsIncidentalIndentation() {
    String block = "s = \"\"\"\n    SELECT *\n      FROM users  \n    \"\"\";";
    String reindented = "s =\n        \"\"\"  \r\n        SELECT *\r\n          FROM users\r\n        \"\"\";";
    assertEquals("s = \"\"\"\nSELECT *\n  FROM users\n\"\"\" ;", JavaTokens.of(block));
    assertEquals(JavaTokens.of(block), JavaTokens.of(reindented));
    assertNotEquals(JavaTokens.of(block), JavaTokens.of(block.replace("  FROM", "FROM")), "relative indentation counts");
    assertNotEquals(JavaTokens.of(block), JavaTokens.of(block.replace("users", "roles")));
    assertEquals("s = \"\"\"\nsay \\\"\"\" // still text\n\"\"\" ;",
        JavaTokens.of("s = \"\"\"\n  say \\\"\"\" // still text\n  \"\"\";"), "an escaped quote does not close it");
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
    "x=a+++b; => x = a ++ + b ;",
    "x=a+ ++b; => x = a + ++ b ;",
    "x=a- -b; => x = a - - b ;",
    "x>>>=2; => x >>>= 2 ;",
    "x>>=y>=z; => x >>= y >= z ;",
    "f(a->a::b); => f ( a -> a :: b ) ;",
    "void m(String...args){} => void m ( String ... args ) { }",
    "if(a&&b||!c&d){} => if ( a && b || ! c & d ) { }",
    "@Override void m(){} => @ Override void m ( ) { }",
    "x=1_000L+0x1Fp-3+1.5e+10f-.5+i; => x = 1_000L + 0x1Fp-3 + 1.5e+10f - .5 + i ;",
    "x=0x1E+2; => x = 0x1E + 2 ;",
    "a[0].length => a [ 0 ] . length",
    "int héllo=€; => int héllo = € ;",
  })
  void tokensAreThoseOfJava(String source, String tokens) {
    assertEquals(tokens, JavaTokens.of(source));
  }

  @Test
  void closingTypeArgumentsAreOneTokenEach() {
    assertEquals("List < List < String > > x ;", JavaTokens.of("List<List<String>> x;"));
    assertEquals(JavaTokens.of("List<List<String>> x;"), JavaTokens.of("List<List<String> > x;"));
    assertEquals(JavaTokens.of("Map<String, List<Set<String>>> x;"), JavaTokens.of("Map<String,List<Set<String> > > x;"));
  }
}
