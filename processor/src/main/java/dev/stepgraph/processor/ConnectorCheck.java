package dev.stepgraph.processor;

/** One validation rule of a connector; reports what is wrong and how to fix it. */
interface ConnectorCheck {
  void check(ConnectorModel connector, Reporter reporter);
}
