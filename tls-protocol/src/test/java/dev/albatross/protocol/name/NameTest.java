package dev.albatross.protocol.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Labels, paths and names (spec §4), with the upstream name tests of spec §12.1. */
class NameTest {

    // ---- labels ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"a", "hello", "my-unikernel.hello", "0", "9-", ".", "..", ".a.", "a.", "a--b", "A",
        "foo.my.nice.unikernel",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"}) // 63
    void acceptsLabelsOf1To63LettersDigitsDashesAndDots(String text) {
        assertEquals(text.toLowerCase(java.util.Locale.ROOT), Label.of(text).value());
        assertTrue(Label.parse(text).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "-", "a_b", "bad_name!", "a b", "a:b", "\u00e4", "a/b", "a\u0000",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"}) // 64
    void refusesEverythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Label.of(text), text);
        assertTrue(Label.parse(text).isEmpty());
    }

    @Test
    void lowercasesLabels() {
        assertEquals(Label.of("foo"), Label.of("FoO"));
        assertEquals("foo.bar-1", Label.of("Foo.BAR-1").value());
        assertEquals(Name.parse(":blk"), Name.parse(":BLK"), "raw-seq-uppercase: :BLK is :blk");
        assertEquals(":blk", Name.parse(":BLK").text());
    }

    @Test
    void ordersLabelsByBytes() {
        List<Label> labels = new java.util.ArrayList<>(List.of(Label.of("caesar"), Label.of("Beta"),
                Label.of("alpha"), Label.of("a.b"), Label.of("a-b")));
        java.util.Collections.sort(labels);
        assertEquals(List.of("a-b", "a.b", "alpha", "beta", "caesar"), labels.stream().map(Label::value).toList());
    }

    // ---- text forms (spec §4 table) ------------------------------------------------------------------------

    @Test
    void printsTheTextFormsOfTheSpecTable() {
        assertEquals(":", Name.ROOT.text());
        assertEquals(":hello", Name.of(Path.ROOT, Label.of("hello")).text());
        assertEquals("foo:bar", Name.of(Path.of("foo"), Label.of("bar")).text());
        assertEquals("foo:bar:my-unikernel.hello", Name.of(Path.of("foo", "bar"), Label.of("my-unikernel.hello")).text());
        assertEquals("foo:bar:", Path.of("foo", "bar").asName().text());
        assertEquals("", Path.ROOT.text());
        assertEquals("foo:bar", Path.of("foo", "bar").text());
        assertEquals(":", Path.ROOT.asName().toString());
    }

    // ---- parsing -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "':', '', ",
        "':hello', '', hello",
        "'hello', '', hello", // a single leading empty component is dropped: ":foo" is "foo"
        "'foo:bar', foo, bar",
        "':foo:bar', foo, bar",
        "'foo:bar:', 'foo:bar', ",
        "'foo:', foo, ",
        "':foo:', foo, ",
        "'foo:bar:my-unikernel.hello', 'foo:bar', my-unikernel.hello",
        "'foo.hello', '', foo.hello", // a pre-1.5 dotted name is one label at the root
        "'FOO:Bar', foo, bar"})
    void parsesNames(String text, String path, String label) {
        Name name = Name.parse(text);
        assertEquals(Path.parse(path), name.path());
        assertEquals(Optional.ofNullable(label).map(Label::of), name.label());
        assertEquals(name, Name.parse(name.text()), "the text form parses back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "::", "a::b", "::a", "a::", "foo::", ":-x", "bad_name!", "foo:bad_name!",
        "a:b::", "foo:bar:-", "x:\u00e9"})
    void refusesInvalidNames(String text) {
        assertThrows(IllegalArgumentException.class, () -> Name.parse(text), text);
        assertTrue(Name.tryParse(text).isEmpty());
    }

    @Test
    void parsesPathsAsTheCommandLineDoes() {
        assertEquals(Path.ROOT, Path.parse(""));
        assertEquals(Path.of("foo"), Path.parse("foo"));
        assertEquals(Path.of("foo"), Path.parse(":foo"));
        assertEquals(Path.of("foo", "bar"), Path.parse("foo:bar"));
        assertThrows(IllegalArgumentException.class, () -> Path.parse(":"), "':' is not a path");
        assertThrows(IllegalArgumentException.class, () -> Path.parse("foo:"));
        assertThrows(IllegalArgumentException.class, () -> Path.parse("a::b"));
        assertTrue(Path.tryParse("::").isEmpty());
        assertEquals(Optional.of(Path.of("a", "b")), Path.tryParse("A:B"));
    }

    // ---- upstream tests (spec §12.1) ------------------------------------------------------------------------

    @Test
    void upstreamNameTests() {
        assertEquals(Name.ROOT, Name.parse(":"));
        assertTrue(Name.parse(":").isPath());
        Name pathOnly = Name.parse("foo:bar:");
        assertEquals(Path.of("foo", "bar"), pathOnly.path());
        assertTrue(pathOnly.isPath());
        Name withLabel = Name.parse("foo:bar");
        assertEquals(Path.of("foo"), withLabel.path());
        assertEquals(Optional.of(Label.of("bar")), withLabel.label());
        assertFalse(withLabel.isPath());
        Name deep = Name.parse("foo:bar:my-unikernel.hello");
        assertEquals(Path.of("foo", "bar"), deep.path());
        assertEquals(Path.of("foo"), deep.path().parent());

        assertEquals(Path.of("foo"), Path.ROOT.append(Label.of("foo")));
        assertEquals(Path.of("foo", "bar", "baz"), Path.of("foo", "bar").append(Label.of("baz")));

        assertEquals(Name.parse("d:e:foo"), Name.parse("a:b:c:d:e:foo").dropPrefix(Path.parse("a:b:c")));
        assertEquals("d:e:foo", Name.parse("a:b:c:d:e:foo").dropPrefix(Path.parse("a:b:c")).text());
        assertEquals(Name.parse("foo"), Name.parse("a:b:c:foo").dropPrefix(Path.parse("a:b:c")));
        assertEquals(":foo", Name.parse("a:b:c:foo").dropPrefix(Path.parse("a:b:c")).text());

        // drop_path: the name without its whole path.
        Name full = Name.parse("a:b:c:d:e:foo");
        assertEquals(Name.parse("foo"), full.dropPrefix(full.path()));
        Name path = Name.parse("a:b:c:d:e:");
        assertEquals(Name.ROOT, path.dropPrefix(path.path()));
    }

    @Test
    void derivedHelpers() {
        assertEquals(Path.ROOT, Path.ROOT.parent(), "the root's parent is the root");
        assertThrows(IllegalArgumentException.class, () -> Name.parse("a:b:foo").dropPrefix(Path.of("b")));
        assertTrue(Path.of("a").isPrefixOf(Path.of("a", "b")));
        assertTrue(Path.ROOT.isPrefixOf(Path.of("a")));
        assertTrue(Path.of("a").isPrefixOf(Path.of("a")));
        assertFalse(Path.of("a", "b").isPrefixOf(Path.of("a")));
        assertFalse(Path.of("b").isPrefixOf(Path.of("a", "b")));
        assertEquals(List.of(Path.ROOT, Path.of("a"), Path.of("a", "b")), Path.of("a", "b").selfAndAncestorsFromRoot());
        assertEquals(List.of(Label.of("foo"), Label.of("bar")), Name.parse("foo:bar").labels());
        assertEquals(List.of(Label.of("foo"), Label.of("bar")), Name.parse("foo:bar:").labels(),
                "foo:bar and foo:bar: are the same trie node");
        assertEquals(List.of(), Name.ROOT.labels());
        assertEquals(2, Path.of("a", "b").depth());
        // Block device names: the device string is not a label and is not validated.
        assertEquals("foo:/dev/zvol/tank/x", Name.parse("foo:unikernel").blockText("/dev/zvol/tank/x"));
        assertEquals(":disk", Name.parse(":hello").blockText("disk"));
    }
}
