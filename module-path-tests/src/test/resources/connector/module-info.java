/**
 * A connector that is a Java module: this is all it needs. No {@code exports} and no {@code opens}:
 * the generated {@code ConnectorMain} is started with {@code java --module
 * com.acme.inventory/com.acme.inventory.ConnectorMain}, which needs no export, and the generated
 * graph creates the connector and calls its steps with plain method references, without
 * reflection, so the runtime needs no access to this module's packages.
 */
module com.acme.inventory {
  // @Step and @Connector. They are kept in the class files only (no run-time use), so
  // "requires static" would do too; a plain requires keeps the module path simple.
  requires dev.stepgraph.annotations;
  // StepContext, Entity, ...; and what the generated code uses: dev.stepgraph.runtime.graph for
  // the graph, dev.stepgraph.runtime.cli for ConnectorMain. Reads slf4j (ctx.log()) through it.
  requires dev.stepgraph.runtime;
  // The generated classes are annotated @javax.annotation.processing.Generated, of module
  // java.compiler. The annotation is kept in the source only: needed by javac, not at run time.
  requires static java.compiler;
}
