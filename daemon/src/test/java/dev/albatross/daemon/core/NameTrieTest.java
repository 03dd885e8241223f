package dev.albatross.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trie semantics of spec §4 and the upstream trie tests of §12.1. */
class NameTrieTest {

    private static Name n(String text) {
        return Name.parse(text);
    }

    private static List<String> names(List<NameTrie.Entry<Integer>> entries) {
        return entries.stream().map(e -> e.name().text() + "=" + e.value()).toList();
    }

    @Test
    void findsWhatWasInsertedAndNothingElse() {
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n("foo"), 1);
        assertEquals(Optional.of(1), t.find(n("foo")));
        assertEquals(Optional.empty(), t.find(n("bar")));
        assertEquals(Optional.empty(), t.find(n("foo.bar")));
        assertEquals(Optional.empty(), t.find(n("foo:foo")));
    }

    @Test
    void aPathAndANameWithTheSameLabelsAreTheSameNode() {
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n("foo:bar:"), 1);
        assertEquals(Optional.of(1), t.find(n("foo:bar")));
        assertEquals(Optional.of(1), t.find(Path.of("foo", "bar")));
    }

    @Test
    void allIsPreOrderWithChildrenByLabel() {
        NameTrie<Integer> flat = NameTrie.<Integer>empty().insert(n("caesar"), 3).insert(n("alpha"), 1)
                .insert(n("beta"), 2);
        assertEquals(List.of(":alpha=1", ":beta=2", ":caesar=3"), names(flat.all()));

        NameTrie<Integer> t = upstreamCollectTrie();
        assertEquals(List.of(":=4", "alpha:=3", "alpha:beta:=2", "alpha:beta:a=1", "beta:=5"), names(t.all()));
    }

    @Test
    void collectGoesFromTheNameUpToTheRootDeepestFirst() {
        assertEquals(List.of(1, 2, 3, 4), upstreamCollectTrie().collect(n("alpha:beta:a")).stream()
                .map(NameTrie.Entry::value).toList());
    }

    private static NameTrie<Integer> upstreamCollectTrie() {
        return NameTrie.<Integer>empty().insert(n("alpha:beta:a"), 1).insert(n("alpha:beta:"), 2)
                .insert(n("alpha:"), 3).insert(Name.ROOT, 4).insert(n("beta:"), 5);
    }

    @Test
    void foldVisitsChildrenInOrderBeforeTheNodeWithRelativeNames() {
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n("a"), 1).insert(n("b"), 2).insert(n("c"), 3)
                .insert(n("alpha:a"), 4).insert(n("alpha:b"), 5).insert(n("alpha:c"), 6).insert(n("alpha:a.b.c"), 7);
        List<String> visited = new ArrayList<>();
        t.fold(Path.of("alpha"), (name, v) -> visited.add(name.text()));
        assertEquals(List.of(":a", ":a.b.c", ":b", ":c"), visited);
        List<String> root = new ArrayList<>();
        t.fold(Path.ROOT, (name, v) -> root.add(name.text()));
        assertEquals(List.of(":a", "alpha:a", "alpha:a.b.c", "alpha:b", "alpha:c", ":b", ":c"), root);
    }

    @Test
    void listRepliesComeInReversePostOrderLikeTheRecordedBlockInfo() {
        // vectors/032-block-info-active: blocks foo:data, :disk1, :disk listed in this order
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n(":disk"), 4).insert(n(":disk1"), 1)
                .insert(n("foo:data"), 2);
        assertEquals(List.of("foo:data=2", ":disk1=1", ":disk=4"), names(t.listReplyOrder(Path.ROOT)));
    }

    @Test
    void theNodeAtTheFoldedPathItselfIsTheRootName() {
        // vectors/006-policy-foo: the policy at foo itself is listed as ":"
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n("foo:"), 1).insert(n("foo:bar:"), 2);
        assertEquals(List.of(":=1", "bar:=2"), names(t.listReplyOrder(Path.of("foo"))));
    }

    @Test
    void removePrunesEmptyBranchesAndKeepsTheOldTrie() {
        NameTrie<Integer> t = NameTrie.<Integer>empty().insert(n("a:b:c"), 1).insert(n("a:"), 2);
        NameTrie<Integer> removed = t.remove(n("a:b:c"));
        assertEquals(Optional.empty(), removed.find(n("a:b:c")));
        assertEquals(Optional.of(1), t.find(n("a:b:c")));
        assertEquals(List.of("a:=2"), names(removed.all()));
        assertTrue(removed.remove(n("a:")).isEmpty());
        assertEquals(removed.all(), removed.remove(n("x:y")).all());
    }
}
