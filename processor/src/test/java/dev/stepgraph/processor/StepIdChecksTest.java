package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class StepIdChecksTest {

  @Test
  void snakeCaseStepIdIsAnErrorOnTheIdSuggestingKebabCase() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"IAM_Users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step id 'IAM_Users' of method users(StepContext) is not lowercase kebab-case (lowercase letters and digits,"
            + " words separated by single hyphens): rename it to 'iam-users'",
        source, "IAM_Users", "\"IAM_Users\"");
  }

  @Test
  void camelCaseStepIdSuggestsKebabCase() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"listUsers\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step id 'listUsers' of method users(StepContext) is not lowercase kebab-case (lowercase letters and digits,"
            + " words separated by single hyphens): rename it to 'list-users'",
        source, "listUsers", "\"listUsers\"");
  }

  @Test
  void emptyStepIdHasItsOwnMessageSuggestingAnIdFromTheMethodName() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"\") void listUsers(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step id of method listUsers(StepContext) is empty: give the step a lowercase kebab-case id,"
            + " e.g. @Step(id = \"list-users\")",
        source, "listUsers", "\"\"");
  }

  @Test
  void secondDeclarationOfAStepIdIsTheErrorAndNamesTheFirstMethod() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void listUsers(StepContext ctx) {}",
        "  @Step(id = \"users\") void moreUsers(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step id 'users' of method moreUsers(StepContext) is already declared on method listUsers(StepContext):"
            + " give each step of connector 'aws' its own id",
        source, "moreUsers", "\"users\"");
  }

  @Test
  void explicitConnectorIdMustBeKebabCase() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "@Connector(id = \"AWS_Inventory\")",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "connector id 'AWS_Inventory' of com.acme.AwsConnector is not lowercase kebab-case (lowercase letters and"
            + " digits, words separated by single hyphens): rename it to 'aws-inventory'",
        source, "AWS_Inventory", "\"AWS_Inventory\"");
  }

  @Test
  void classNameWithoutLettersGivesAnErrorAskingForAnExplicitConnectorId() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.acme.$Connector",
        "package com.acme;",
        "class $Connector {",
        "  @dev.stepgraph.Step(id = \"users\") void users(dev.stepgraph.runtime.StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "connector com.acme.$Connector needs an id: its class name $Connector has no letters or digits that map"
            + " to a-z and 0-9, from which the default id is made: set one with @Connector(id = \"my-connector\")",
        source, "class $Connector", "class");
  }

  @Test
  void classNameWithoutLatinLettersGivesAnErrorOnTheAnnotationAskingForAnExplicitConnectorId() {
    JavaFileObject source = Compilations.connector("ДанныеConnector",
        "@Connector(description = \"Данные\")",
        "public class ДанныеConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "connector com.acme.ДанныеConnector needs an id: its class name ДанныеConnector has no letters or digits"
            + " that map to a-z and 0-9, from which the default id is made: set one with"
            + " @Connector(id = \"my-connector\")",
        source, "@Connector", "@Connector");
  }

  @Test
  void accentedStepIdSuggestsTheIdWithoutAccents() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"usérs\") void users(StepContext ctx) {}",
        "  @Step(id = \"Übersicht\") void overview(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    Diagnostics.assertError(compilation,
        "step id 'usérs' of method users(StepContext) is not lowercase kebab-case (lowercase letters and digits,"
            + " words separated by single hyphens): rename it to 'users'",
        source, "usérs", "\"usérs\"");
    Diagnostics.assertError(compilation,
        "step id 'Übersicht' of method overview(StepContext) is not lowercase kebab-case (lowercase letters and"
            + " digits, words separated by single hyphens): rename it to 'ubersicht'",
        source, "Übersicht", "\"Übersicht\"");
  }

  @Test
  void connectorIdOfAnAccentedClassNameIsMadeFromItsLettersWithoutAccents() {
    Compilation compilation = Compilations.compile(Compilations.connector("ÜberConnector",
        "public class ÜberConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(Compilations.generated(compilation, "com.acme.ÜberConnector_StepGraph")
        .contains("public static final String CONNECTOR_ID = \"uber\";"));
  }

  @Test
  void connectorIdDefaultsToTheKebabCaseClassNameWithoutConnectorSuffix() {
    Compilation compilation = Compilations.compile(Compilations.connector("AwsInventoryConnector",
        "public class AwsInventoryConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(Compilations.generated(compilation, "com.acme.AwsInventoryConnector_StepGraph")
        .contains("public static final String CONNECTOR_ID = \"aws-inventory\";"));
  }

  @Test
  void kebabCaseConversion() {
    assertEquals("iam-users", Ids.toKebabCase("IAM_Users"));
    assertEquals("list-users", Ids.toKebabCase("listUsers"));
    assertEquals("http-server", Ids.toKebabCase("HTTPServer"));
    assertEquals("ec2-instances", Ids.toKebabCase("ec2 Instances"));
    assertEquals("a-b", Ids.toKebabCase("--a__b--"));
    assertEquals("", Ids.toKebabCase("$"));
    assertEquals("users", Ids.toKebabCase("usérs"));
    assertEquals("creme-brulee", Ids.toKebabCase("CrèmeBrûlée"));
    assertEquals("", Ids.toKebabCase("Данные"));
    assertEquals("uber", Ids.connectorIdFromClassName("ÜberConnector"));
    assertEquals("aws-inventory", Ids.connectorIdFromClassName("AwsInventoryConnector"));
    assertEquals("connector", Ids.connectorIdFromClassName("Connector"));
    assertTrue(Ids.isKebabCase("ec2-instances"));
    assertTrue(!Ids.isKebabCase("a--b") && !Ids.isKebabCase("-a") && !Ids.isKebabCase("a-") && !Ids.isKebabCase("A"));
  }
}
