package dev.stepgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The shapes generated code takes where a lambda or a method reference would be shorter: a class
 * implementing {@code StepBody} whose {@code run} switches on the step's number, and anonymous
 * {@code Supplier}s. A lambda is compiled to {@code invokedynamic}: the first one a JVM meets
 * costs it 5 to 15 ms of bootstrap, depending on the machine, and each lambda after it a little
 * more (BENCHMARKS.md, "Start-up without invokedynamic"); {@code plan} and {@code graph} meet
 * none, in the runtime or in generated code.
 */
final class NoIndyForms {
  /** The comment above an anonymous {@link #supplier}, for the reader who expects a method reference. */
  static final String SUPPLIER_COMMENT =
      "// A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)\n";

  /** The same, above a map of them. */
  static final String SUPPLIERS_COMMENT =
      "// Classes, not method references: every lambda costs the JVM start-up time (invokedynamic)\n";

  private NoIndyForms() {}

  /**
   * A nested class that is the body of several steps, {@code implements StepBody}, with fields
   * {@code connector} and {@code step} and a private constructor taking both; its {@code run}
   * method is {@link #runMethod}, added last.
   */
  static TypeSpec.Builder stepBodyClass(ClassName name, ClassName connectorClass, CodeBlock javadoc,
      FieldSpec... staticFields) {
    TypeName instanceType = GeneratedTypes.connectorInstance(connectorClass);
    return TypeSpec.classBuilder(name)
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(GeneratedTypes.STEP_BODY)
        .addFields(List.of(staticFields))
        .addField(instanceType, "connector", Modifier.PRIVATE, Modifier.FINAL)
        .addField(int.class, "step", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(instanceType, "connector")
            .addParameter(int.class, "step")
            .addStatement("this.connector = connector")
            .addStatement("this.step = step")
            .build());
  }

  /**
   * {@code run(ctx)} of a {@link #stepBodyClass}: gets the connector instance once, then runs
   * {@code dispatch}, the cases of a {@code switch (step)} ({@code case 3 -> instance.hosts(ctx);}).
   */
  static MethodSpec runMethod(ClassName connectorClass, CodeBlock dispatch) {
    return MethodSpec.methodBuilder("run")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(GeneratedTypes.STEP_CONTEXT, "ctx")
        .addException(Exception.class)
        .addStatement("$T instance = connector.get()", connectorClass)
        .beginControlFlow("switch (step)")
        .addCode(dispatch)
        .addStatement("default -> throw new $T(\"no step \" + step)", IllegalStateException.class)
        .endControlFlow()
        .build();
  }

  /** {@code new Supplier<T>() { public T get() { return <value>; } }}. */
  static CodeBlock supplier(TypeName type, CodeBlock value) {
    return CodeBlock.of("$L", TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(ParameterizedTypeName.get(GeneratedTypes.SUPPLIER, type))
        .addMethod(MethodSpec.methodBuilder("get")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(type)
            .addStatement("return $L", value)
            .build())
        .build());
  }
}
