package dev.albatross.daemon.core;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable trie keyed by the labels of a name (spec §4, Albatross's {@code Vmm_trie}): the path's labels
 * followed by the label, so {@code foo:bar:} (a path) and {@code foo:bar} (a name) are the same node. Each node
 * remembers whether it was inserted as a path or a name; names handed out are rebuilt from the node's position,
 * exactly as Albatross does. Updates copy the nodes on the way to the key and share the rest,
 * so a refused operation costs nothing to roll back: the old trie is still there.
 */
public final class NameTrie<V> {
    private static final NameTrie<Object> EMPTY = new NameTrie<>(false, null, Map.of());

    /** A value and the name it was stored under. */
    public record Entry<V>(Name name, V value) {
    }

    private final boolean isPath;
    private final V value;
    private final Map<Label, NameTrie<V>> children;

    private NameTrie(boolean isPath, V value, Map<Label, NameTrie<V>> children) {
        this.isPath = isPath;
        this.value = value;
        this.children = children;
    }

    @SuppressWarnings("unchecked") // the shared empty trie holds no value of any type
    public static <V> NameTrie<V> empty() {
        return (NameTrie<V>) EMPTY;
    }

    public boolean isEmpty() {
        return value == null && children.isEmpty();
    }

    /** The value stored at exactly {@code key}'s node. */
    public Optional<V> find(Name key) {
        return Optional.ofNullable(node(key.labels())).map(n -> n.value);
    }

    /** The value stored at the node of {@code path} (a path-keyed value such as a policy). */
    public Optional<V> find(Path path) {
        return Optional.ofNullable(node(path.labels())).map(n -> n.value);
    }

    private NameTrie<V> node(List<Label> labels) {
        NameTrie<V> n = this;
        for (Label l : labels) {
            n = n.children.get(l);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** This trie with {@code value} at {@code key}'s node (replacing what was there). */
    public NameTrie<V> insert(Name key, V value) {
        return insert(key, value, key.labels(), 0);
    }

    private NameTrie<V> insert(Name key, V newValue, List<Label> labels, int depth) {
        if (depth == labels.size()) {
            return new NameTrie<>(key.isPath(), newValue, children);
        }
        Label l = labels.get(depth);
        NameTrie<V> child = children.getOrDefault(l, empty());
        TreeMap<Label, NameTrie<V>> copy = new TreeMap<>(children);
        copy.put(l, child.insert(key, newValue, labels, depth + 1));
        return new NameTrie<>(isPath, value, Collections.unmodifiableMap(copy));
    }

    /** This trie without a value at {@code key}'s node (empty branches are pruned). */
    public NameTrie<V> remove(Name key) {
        NameTrie<V> result = remove(key.labels(), 0);
        return result == null ? empty() : result;
    }

    private NameTrie<V> remove(List<Label> labels, int depth) {
        if (depth == labels.size()) {
            return children.isEmpty() ? null : new NameTrie<>(false, null, children);
        }
        Label l = labels.get(depth);
        NameTrie<V> child = children.get(l);
        if (child == null) {
            return this;
        }
        NameTrie<V> updated = child.remove(labels, depth + 1);
        TreeMap<Label, NameTrie<V>> copy = new TreeMap<>(children);
        if (updated == null) {
            copy.remove(l);
        } else {
            copy.put(l, updated);
        }
        if (copy.isEmpty() && value == null) {
            return null;
        }
        return new NameTrie<>(isPath, value, Collections.unmodifiableMap(copy));
    }

    /** Every entry in pre-order: a node before its children, children by label (the state file's order). */
    public List<Entry<V>> all() {
        List<Entry<V>> out = new ArrayList<>();
        preOrder(new ArrayList<>(), out);
        return out;
    }

    private void preOrder(List<Label> position, List<Entry<V>> out) {
        if (value != null) {
            out.add(new Entry<>(nameAt(position, isPath), value));
        }
        for (Map.Entry<Label, NameTrie<V>> child : children.entrySet()) {
            position.add(child.getKey());
            child.getValue().preOrder(position, out);
            position.remove(position.size() - 1);
        }
    }

    /** The name of the node at {@code labels}: a path, or the path of all but the last label plus that label. */
    private static Name nameAt(List<Label> labels, boolean isPath) {
        if (isPath || labels.isEmpty()) {
            return new Path(labels).asName();
        }
        return Name.of(new Path(labels.subList(0, labels.size() - 1)), labels.get(labels.size() - 1));
    }

    /**
     * Visits the subtree at {@code path} in post-order (children by label, then the node), passing names
     * relative to {@code path} (the node at {@code path} itself as the root name), as Albatross's
     * {@code Vmm_trie.fold} does.
     */
    public void fold(Path path, BiConsumer<Name, V> visitor) {
        NameTrie<V> start = node(path.labels());
        if (start != null) {
            start.postOrder(new ArrayList<>(), visitor);
        }
    }

    private void postOrder(List<Label> position, BiConsumer<Name, V> visitor) {
        for (Map.Entry<Label, NameTrie<V>> child : children.entrySet()) {
            position.add(child.getKey());
            child.getValue().postOrder(position, visitor);
            position.remove(position.size() - 1);
        }
        if (value != null) {
            visitor.accept(nameAt(position, isPath), value);
        }
    }

    /**
     * The entries of the subtree at {@code path}, relative names, in the order Albatross's list replies have:
     * built by prepending during {@link #fold}, so the reverse of the post-order.
     */
    public List<Entry<V>> listReplyOrder(Path path) {
        List<Entry<V>> out = new ArrayList<>();
        fold(path, (n, v) -> out.add(new Entry<>(n, v)));
        Collections.reverse(out);
        return out;
    }

    /** The values on the way from the root to {@code key}'s node, deepest first ({@code Vmm_trie.collect}). */
    public List<Entry<V>> collect(Name key) {
        List<Entry<V>> out = new ArrayList<>();
        List<Label> position = new ArrayList<>();
        NameTrie<V> n = this;
        if (n.value != null) {
            out.add(new Entry<>(nameAt(position, n.isPath), n.value));
        }
        for (Label l : key.labels()) {
            n = n.children.get(l);
            if (n == null) {
                break;
            }
            position.add(l);
            if (n.value != null) {
                out.add(new Entry<>(nameAt(position, n.isPath), n.value));
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Number of values in the trie. */
    public int size() {
        int count = value != null ? 1 : 0;
        for (NameTrie<V> child : children.values()) {
            count += child.size();
        }
        return count;
    }
}
