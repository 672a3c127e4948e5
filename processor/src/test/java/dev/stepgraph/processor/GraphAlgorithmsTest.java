package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Waves and cycles on plain ids, no compiler involved. */
class GraphAlgorithmsTest {

  /** A graph from "id:dep,dep" strings. */
  private static DependencyGraph graph(String... steps) {
    List<String> ids = new ArrayList<>();
    List<List<String>> deps = new ArrayList<>();
    for (String step : steps) {
      String[] parts = step.split(":", -1);
      ids.add(parts[0]);
      deps.add(parts.length < 2 || parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
    }
    return DependencyGraph.of(ids, deps);
  }

  private static List<String> cycles(DependencyGraph graph) {
    return Cycles.find(graph).stream()
        .map(c -> Arrays.stream(c).mapToObj(graph::id).collect(Collectors.joining(" -> ")) + " -> " + graph.id(c[0]))
        .toList();
  }

  private static List<List<String>> waves(DependencyGraph graph) {
    return Waves.byWave(Waves.levels(graph)).stream()
        .map(w -> w.stream().map(graph::id).toList())
        .toList();
  }

  @Test
  void wavesOfTheAwsExampleKeepDeclarationOrderWithinAWave() {
    DependencyGraph graph = graph("users", "roles", "hosts", "policies:roles", "services:hosts",
        "relationships:users,roles,hosts,policies,services");
    assertEquals(
        List.of(List.of("users", "roles", "hosts"), List.of("policies", "services"), List.of("relationships")),
        waves(graph));
  }

  @Test
  void waveIsOneMoreThanTheHighestDependencyNotTheFirst() {
    DependencyGraph graph = graph("late:mid,root", "mid:root", "root");
    assertArrayEquals(new int[] {2, 1, 0}, Waves.levels(graph));
    assertEquals(List.of(List.of("root"), List.of("mid"), List.of("late")), waves(graph));
  }

  @Test
  void unknownAndRepeatedDependenciesAreLeftOutOfTheGraph() {
    DependencyGraph graph = graph("a", "b:a,a,nope");
    assertArrayEquals(new int[] {0}, graph.dependencies(1));
  }

  @Test
  void wavesOfACyclicGraphAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Waves.levels(graph("a:b", "b:a")));
  }

  @Test
  void wavesMatchANaiveRelaxationOn200RandomDags() {
    for (long seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(60);
      // Random order of declaration; edges only from later to earlier in a hidden topological order.
      int[] topo = shuffled(n, random);
      List<String> ids = new ArrayList<>();
      List<List<String>> deps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add("s" + i);
        deps.add(new ArrayList<>());
      }
      double density = random.nextDouble() * 0.3;
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < a; b++) {
          if (random.nextDouble() < density) {
            deps.get(topo[a]).add("s" + topo[b]);
          }
        }
      }
      DependencyGraph graph = DependencyGraph.of(ids, deps);
      assertArrayEquals(naiveLevels(ids, deps), Waves.levels(graph), "seed " + seed);
      assertEquals(List.of(), Cycles.find(graph), "seed " + seed);
    }
  }

  /** Repeated relaxation until nothing changes: obviously right, quadratic or worse. */
  private static int[] naiveLevels(List<String> ids, List<List<String>> deps) {
    int[] level = new int[ids.size()];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int v = 0; v < ids.size(); v++) {
        for (String dep : deps.get(v)) {
          int d = ids.indexOf(dep);
          if (level[d] + 1 > level[v]) {
            level[v] = level[d] + 1;
            changed = true;
          }
        }
      }
    }
    return level;
  }

  private static int[] shuffled(int n, Random random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  @Test
  void twoDisjointCyclesAreEachFoundOnce() {
    assertEquals(List.of("a -> b -> a", "x -> z -> y -> x"),
        cycles(graph("a:b", "b:a", "x:z", "y:x", "z:y", "free")));
  }

  @Test
  void stepsDownstreamOrUpstreamOfACycleAreNotReported() {
    assertEquals(List.of("b -> c -> b"), cycles(graph("up", "after:b", "b:c,up", "c:b", "after-after:after")));
  }

  @Test
  void selfLoopIsACycleAndAStepAloneIsNot() {
    assertEquals(List.of("a -> a"), cycles(graph("a:a", "b")));
  }

  @Test
  void cycleStartsAtTheFirstDeclaredStepAndIsTheShortestThroughIt() {
    // c -> a -> b -> c is 3 long; c -> a -> b -> d -> e -> c is longer.
    assertEquals(List.of("c -> a -> b -> c"), cycles(graph("c:a", "a:b", "b:d,c", "d:e", "e:c")));
  }

  @Test
  void oneCyclePerComponentEvenWithManyCyclesInside() {
    assertEquals(List.of("a -> b -> a"), cycles(graph("a:b,c", "b:a,c", "c:a,b")));
  }

  @Test
  void deepGraphsDoNotOverflowTheStack() {
    int n = 200_000;
    List<String> ids = new ArrayList<>(n);
    List<List<String>> deps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
      deps.add(i == 0 ? List.of() : List.of("s" + (i - 1)));
    }
    DependencyGraph chain = DependencyGraph.of(ids, deps);
    assertEquals(List.of(), Cycles.find(chain));
    assertEquals(n - 1, Waves.levels(chain)[n - 1]);

    deps.set(0, List.of("s" + (n - 1)));
    List<int[]> cycles = Cycles.find(DependencyGraph.of(ids, deps));
    assertEquals(1, cycles.size());
    assertEquals(n, cycles.get(0).length);
    assertEquals(0, cycles.get(0)[0]);
    assertEquals(n - 1, cycles.get(0)[1]);
  }

  /** The steps of the component of {@code cycle} without these edges: whether a cycle is left among them. */
  private static boolean cycleLeft(DependencyGraph graph, int[] cycle, List<CycleBreaks.Edge> removed) {
    int[] steps = new CycleBreaks(graph, cycle).steps();
    List<String> ids = new ArrayList<>();
    List<List<String>> deps = new ArrayList<>();
    List<Integer> inComponent = Arrays.stream(steps).boxed().toList();
    for (int v : steps) {
      ids.add(graph.id(v));
      List<String> kept = new ArrayList<>();
      for (int w : graph.dependencies(v)) {
        if (inComponent.contains(w) && !removed.contains(new CycleBreaks.Edge(v, w))) {
          kept.add(graph.id(w));
        }
      }
      deps.add(kept);
    }
    return !Cycles.find(DependencyGraph.of(ids, deps)).isEmpty();
  }

  @Test
  void everyAdvisedBreakLeavesNoCycleAndEveryOtherEdgeOfTheCycleWouldLeaveOne() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      int n = 2 + random.nextInt(7);
      List<String> ids = new ArrayList<>();
      List<List<String>> deps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add("s" + i);
      }
      for (int i = 0; i < n; i++) {
        List<String> mine = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          if (random.nextInt(4) == 0) {
            mine.add("s" + j);
          }
        }
        deps.add(mine);
      }
      DependencyGraph graph = DependencyGraph.of(ids, deps);
      for (int[] cycle : Cycles.find(graph)) {
        CycleBreaks breaks = new CycleBreaks(graph, cycle);
        List<CycleBreaks.Edge> single = breaks.singleBreaks(cycle);
        for (int i = 0; i < cycle.length; i++) {
          CycleBreaks.Edge edge = new CycleBreaks.Edge(cycle[i], cycle[(i + 1) % cycle.length]);
          assertEquals(!single.contains(edge), cycleLeft(graph, cycle, List.of(edge)), "seed " + seed + ", " + edge);
        }
        List<CycleBreaks.Edge> set = breaks.breakingSet(cycle);
        assertEquals(false, cycleLeft(graph, cycle, set), "seed " + seed + ": " + set);
        if (!single.isEmpty()) {
          assertEquals(1, set.size(), "seed " + seed + ": one edge does");
        }
      }
    }
  }
}
