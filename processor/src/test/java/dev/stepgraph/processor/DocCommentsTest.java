package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DocCommentsTest {
  @Test
  void firstSentenceWithoutTagsHtmlAndFinalPeriod() {
    assertEquals("Collects IAM users", DocComments.firstSentence(" Collects IAM users. And more.\n @param ctx the context\n"));
    assertEquals("Collects the users of a Group", DocComments.firstSentence(" Collects the <b>users</b> of a {@link Group}.\n"));
    assertEquals("Reads roles via foo.Bar.baz and x < y",
        DocComments.firstSentence("Reads {@code roles} via {@link foo.Bar#baz} and x &lt; y. Second"));
    assertEquals("Uses the label", DocComments.firstSentence("Uses {@linkplain Foo#bar the label}."));
    assertEquals("Lists e.g", DocComments.firstSentence("Lists e.g. hosts"));
    assertEquals("Wait!", DocComments.firstSentence("Wait! What"));
    assertEquals("", DocComments.firstSentence(null));
    assertEquals("", DocComments.firstSentence("@return nothing"));
  }
}
