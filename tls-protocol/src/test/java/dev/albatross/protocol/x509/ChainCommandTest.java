package dev.albatross.protocol.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/** Spec §6.3: name, policies and command from a validated path, and each refusal. */
class ChainCommandTest {
    static final Instant FROM = ChainValidatorTest.FROM;
    static final Instant TO = ChainValidatorTest.TO;
    static final Policy USER = new Policy(4, List.of(0, 1), 128, OptionalInt.of(10), List.of("albr0"));
    static final Policy TEAM = new Policy(2, List.of(1), 64, OptionalInt.of(5), List.of("albr0"));

    final ChainCertificates.Issued root = ChainCertificates.root("ca", FROM, TO);
    final ChainCertificates.Issued user = ChainCertificates.policyCa("user", USER, root, FROM, TO);
    final ChainCertificates.Issued team = ChainCertificates.policyCa("Team", TEAM, user, FROM, TO);

    private static ChainCommand derived(ChainCertificates.Issued... path) {
        return ChainCommand.derive(ChainCertificates.chain(path)).orElseThrow();
    }

    private static ChainRefusal refused(ChainCertificates.Issued... path) {
        return ChainCommand.derive(ChainCertificates.chain(path)).fold(c -> {
            throw new AssertionError("accepted: " + c);
        }, r -> r);
    }

    private ChainCertificates.Issued leaf(String cn, Command command, ChainCertificates.Issued issuer) {
        return ChainCertificates.builder(cn).issuer(issuer).validity(FROM, TO).leaf().extension(command).build();
    }

    @Test
    void upstreamExampleWithoutPolicy() {
        // Spec §6.3: [leaf CN=foo (console subscribe count 20), CA CN=test without extension] -> :foo, no policies.
        var test = ChainCertificates.builder("test").issuer(root).validity(FROM, TO).ca().build();
        ChainCommand c = derived(leaf("foo", new ConsoleCmd.SubscribeCount(20), test), test);
        assertEquals(Name.parse(":foo"), c.name());
        assertEquals(List.of(), c.policies());
        assertEquals(new ConsoleCmd.SubscribeCount(20), c.command());
        assertEquals(5, c.version());
    }

    @Test
    void upstreamExampleWithPolicy() {
        var arc = ChainCertificates.policyCa("arc", USER, root, FROM, TO);
        ChainCommand c = derived(leaf("foo.bar", new UnikernelCmd.Info(), arc), arc);
        assertEquals(Name.parse("arc:foo.bar"), c.name());
        assertEquals(List.of(new ChainPolicy(Path.of("arc"), USER)), c.policies());
    }

    @Test
    void pathFromPolicyCasTopDownPoliciesDeepestFirstLabelsLowercased() {
        var plain = ChainCertificates.builder("ignored").issuer(team).validity(FROM, TO).ca().build();
        ChainCommand c = derived(leaf("Hello", new UnikernelCmd.Destroy(), plain), plain, team, user);
        assertEquals(Name.parse("user:team:hello"), c.name());
        assertEquals(List.of(new ChainPolicy(Path.of("user", "team"), TEAM), new ChainPolicy(Path.of("user"), USER)),
                c.policies());
    }

    @Test
    void leafWithoutLabelActsOnThePath() {
        assertEquals(Name.parse("user:"), derived(leaf(".", new UnikernelCmd.Info(), user), user).name());
        assertEquals(Name.parse("user:"), derived(leaf(":", new PolicyCmd.Info(), user), user).name());
        assertEquals(Name.parse("user:"), derived(leaf(null, new BlockCmd.Info(), user), user).name());
        assertEquals(Name.ROOT, derived(leaf(null, new UnikernelCmd.Info(), root)).name());
    }

    @Test
    void commandsThatNeedANameAreRefusedWithoutACommonName() {
        record Case(Command command, String message) {
        }
        for (Case c : List.of(new Case(new BlockCmd.Add(5), "block add may not have an empty name"),
                new Case(new BlockCmd.Remove(), "block remove may not have an empty name"),
                new Case(new BlockCmd.Set(false), "block set may not have an empty name"),
                new Case(new BlockCmd.Dump(9), "block dump may not have an empty name"),
                new Case(new PolicyCmd.Remove(), "policy remove may not have an empty name"))) {
            ChainRefusal r = refused(leaf(null, c.command(), user), user);
            assertEquals(ChainRefusal.Reason.EMPTY_NAME, r.reason());
            assertEquals(c.message(), r.message());
        }
    }

    @Test
    void everyCommandKindALeafMayCarry() {
        List<Command> allowed = List.of(new ConsoleCmd.SubscribeCount(10),
                new ConsoleCmd.SubscribeSince(Instant.parse("2026-01-01T00:00:00Z")), new ConsoleCmd.ListInactive(),
                new StatsCmd.Subscribe(), new UnikernelCmd.Info(), new UnikernelCmd.Destroy(), new UnikernelCmd.Get(9),
                new UnikernelCmd.Restart(Optional.empty()), new PolicyCmd.Info(), new BlockCmd.Info(),
                new BlockCmd.Add(5), new BlockCmd.Remove(), new BlockCmd.Set(true), new BlockCmd.Dump(0));
        for (Command command : allowed) {
            assertEquals(command, derived(leaf("x", command, user), user).command());
        }
    }

    @Test
    void commandsALeafMayNotCarry() {
        List<Command> refused = List.of(new ConsoleCmd.Add(5), new StatsCmd.Add("", 1, List.of()),
                new StatsCmd.Remove(), new StatsCmd.Initial(), new PolicyCmd.Add(TEAM));
        for (Command command : refused) {
            ChainRefusal r = refused(leaf("x", command, user), user);
            assertEquals(ChainRefusal.Reason.UNEXPECTED_COMMAND, r.reason(), command.toString());
            assertTrue(r.message().startsWith("unexpected command"), r.message());
        }
    }

    @Test
    void intermediateWithAnotherCommandIsRefused() {
        var odd = ChainCertificates.builder("odd").issuer(root).validity(FROM, TO).ca()
                .extension(new UnikernelCmd.Info()).build();
        ChainRefusal r = refused(leaf("x", new UnikernelCmd.Info(), odd), odd);
        assertEquals(ChainRefusal.Reason.UNEXPECTED_COMMAND, r.reason());
        assertTrue(r.message().contains("unexpected wire unikernel info"), r.message());
    }

    @Test
    void policyCaWithoutCommonNameIsRefused() {
        // Compat §13.2 #20: never a policy at the root path.
        var anonymous = ChainCertificates.policyCa(null, USER, root, FROM, TO);
        ChainRefusal r = refused(leaf("x", new UnikernelCmd.Info(), anonymous), anonymous);
        assertEquals(ChainRefusal.Reason.EMPTY_NAME, r.reason());
        assertTrue(r.message().endsWith("policy add may not have an empty name"), r.message());
    }

    @Test
    void invalidLabelsAreRefused() {
        var badCa = ChainCertificates.policyCa("bad_name!", USER, root, FROM, TO);
        assertEquals(ChainRefusal.Reason.BAD_NAME, refused(leaf("x", new UnikernelCmd.Info(), badCa), badCa).reason());
        ChainRefusal r = refused(leaf("-x", new UnikernelCmd.Info(), user), user);
        assertEquals(ChainRefusal.Reason.BAD_NAME, r.reason());
        assertTrue(r.message().contains("\"-x\""), r.message());
    }

    @Test
    void missingMalformedAndWrongVersionExtensionsAreRefused() {
        var bare = ChainCertificates.builder("x").issuer(user).validity(FROM, TO).leaf().build();
        ChainRefusal none = refused(bare, user);
        assertEquals(ChainRefusal.Reason.NO_COMMAND, none.reason());
        assertEquals("leaf certificate does not contain an albatross extension", none.message());

        var garbage = ChainCertificates.builder("x").issuer(user).validity(FROM, TO).leaf()
                .raw(CertExtension.OID, false, new byte[] {0x30, 0x03, 0x02, 0x01}).build();
        assertEquals(ChainRefusal.Reason.BAD_EXTENSION, refused(garbage, user).reason());

        byte[] version4 = DerNode.sequence(DerNode.integer(4), DerNode.context(3, DerNode.context(19,
                DerNode.nul()))).encode();
        var old = ChainCertificates.builder("x").issuer(user).validity(FROM, TO).leaf()
                .raw(CertExtension.OID, false, version4).build();
        ChainRefusal r = refused(old, user);
        assertEquals(ChainRefusal.Reason.BAD_EXTENSION, r.reason());
        assertTrue(r.message().contains("unknown version number 0x4"), r.message());

        var badPolicyCa = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .raw(CertExtension.OID, false, new byte[] {0x05, 0x00}).build();
        assertEquals(ChainRefusal.Reason.BAD_EXTENSION,
                refused(leaf("x", new UnikernelCmd.Info(), badPolicyCa), badPolicyCa).reason());
    }

    @Test
    void pathsOfTenOrMoreCertificatesAreRefused() {
        List<X509CertificateHolder> path = new ArrayList<>();
        path.add(leaf("x", new UnikernelCmd.Info(), user).holder());
        while (path.size() < 10) {
            path.add(user.holder());
        }
        ChainRefusal r = ChainCommand.derive(path).fold(c -> null, x -> x);
        assertEquals(ChainRefusal.Reason.CHAIN_TOO_LONG, r.reason());
        assertTrue(r.message().startsWith("certificate chain too long"));
        assertTrue(ChainCommand.derive(path.subList(0, 9)).isAccepted());
    }

    @Test
    void aSubCaWhosePolicyExceedsItsParentsIsRefused() {
        Policy bigger = new Policy(10, List.of(1), 64, OptionalInt.of(5), List.of("albr0"));
        var greedy = ChainCertificates.policyCa("team", bigger, user, FROM, TO);
        ChainRefusal r = refused(leaf("x", new UnikernelCmd.Info(), greedy), greedy, user);
        assertEquals(ChainRefusal.Reason.POLICY_ESCALATION, r.reason());
        assertEquals("policy for user:team:: policy above allows 4 unikernels, which is fewer than 10", r.message());
    }

    @Test
    void authorizeValidatesThenDerives() {
        ChainValidator validator = new ChainValidator(root.holder());
        var l = leaf("hello", new UnikernelCmd.Info(), team);
        ChainCommand c = ChainCommand.authorize(validator, ChainCertificates.chain(l, team, user),
                ChainValidatorTest.NOW).orElseThrow();
        assertEquals(Name.parse("user:team:hello"), c.name());
        assertEquals(ChainRefusal.Reason.EXPIRED, ChainCommand.authorize(validator,
                ChainCertificates.chain(l, team, user), TO.plusSeconds(1)).fold(x -> null, ChainRefusal::reason));
    }
}
