package dev.albatross.protocol.state;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.der.DerFault;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCodec;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.UnikernelConfigCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes and decodes state files (spec §5.9): exactly one DER value, no length prefix.
 * <pre>
 * State ::= CHOICE { ... [6] SEQUENCE { unikernels Trie{UnikernelConfig}, policies Trie{Policy} } ... }
 * Trie{T} ::= SEQUENCE OF SEQUENCE { name UTF8String, value T }
 * </pre>
 * Names must parse, and a name may appear once per trie ({@code foo:bar} and {@code foo:bar:} are the same
 * trie node); trailing bytes are refused.
 */
public final class StateFileCodec {
    private StateFileCodec() {
    }

    /** The file content for {@code state}. */
    public static byte[] encode(StateFile state) {
        return node(state).encode();
    }

    public static DerNode node(StateFile state) {
        StateFile.Format format = state.format();
        List<DerNode> unikernels = new ArrayList<>(state.unikernels().size());
        for (StateFile.NamedUnikernel u : state.unikernels()) {
            unikernels.add(DerNode.sequence(DerNode.utf8(u.name().text()),
                    UnikernelConfigCodec.node(u.config(), format.configFormat())));
        }
        DerNode unikernelTrie = DerNode.sequence(unikernels);
        if (!format.hasPolicies()) {
            return DerNode.context(format.tag(), unikernelTrie);
        }
        List<DerNode> policies = new ArrayList<>(state.policies().size());
        for (StateFile.NamedPolicy p : state.policies()) {
            policies.add(DerNode.sequence(DerNode.utf8(p.name().text()), PolicyCodec.node(p.policy())));
        }
        return DerNode.context(format.tag(), DerNode.sequence(unikernelTrie, DerNode.sequence(policies)));
    }

    /** Decodes a whole state file; the decoder owns {@code content}. */
    public static Decoded<StateFile> decode(byte[] content) {
        return decode(DerReader.over(content, "State"));
    }

    public static Decoded<StateFile> decode(Bytes content) {
        return decode(DerReader.over(content, "State"));
    }

    private static Decoded<StateFile> decode(DerReader in) {
        try {
            StateFile state = read(in);
            in.expectEnd();
            return Decoded.ok(state);
        } catch (DerFault fault) {
            return Decoded.failed(fault.error());
        }
    }

    private static StateFile read(DerReader in) {
        int tag = in.peekTag();
        if (tag == DerReader.context(7)) {
            throw in.fault("nyi", "not yet implemented");
        }
        StateFile.Format format = null;
        for (StateFile.Format f : StateFile.Format.values()) {
            if (tag == DerReader.context(f.tag())) {
                format = f;
            }
        }
        if (format == null) {
            throw in.fault("State", "unknown state version tag 0x" + Integer.toHexString(tag));
        }
        in.enterContext(format.tag(), format.name());
        List<StateFile.NamedUnikernel> unikernels;
        List<StateFile.NamedPolicy> policies = List.of();
        if (format.hasPolicies()) {
            in.enter(DerReader.SEQUENCE, "SEQUENCE");
            unikernels = unikernels(in, format);
            policies = policies(in);
            in.leave();
        } else {
            unikernels = unikernels(in, format);
        }
        in.leave();
        return new StateFile(format, unikernels, policies);
    }

    private static List<StateFile.NamedUnikernel> unikernels(DerReader in, StateFile.Format format) {
        List<StateFile.NamedUnikernel> entries = new ArrayList<>();
        Set<List<Label>> seen = new HashSet<>();
        in.enter(DerReader.SEQUENCE, "unikernels");
        while (in.hasNextElement()) {
            in.enter(DerReader.SEQUENCE, "entry");
            Name name = trieName(in, seen);
            UnikernelConfig config = UnikernelConfigCodec.read(in, format.configFormat());
            in.leave();
            entries.add(new StateFile.NamedUnikernel(name, config));
        }
        in.leave();
        return entries;
    }

    private static List<StateFile.NamedPolicy> policies(DerReader in) {
        List<StateFile.NamedPolicy> entries = new ArrayList<>();
        Set<List<Label>> seen = new HashSet<>();
        in.enter(DerReader.SEQUENCE, "policies");
        while (in.hasNextElement()) {
            in.enter(DerReader.SEQUENCE, "entry");
            Name name = trieName(in, seen);
            Policy policy = PolicyCodec.read(in);
            in.leave();
            entries.add(new StateFile.NamedPolicy(name, policy));
        }
        in.leave();
        return entries;
    }

    private static Name trieName(DerReader in, Set<List<Label>> seen) {
        String text = in.utf8("name");
        Name name;
        try {
            name = Name.parse(text);
        } catch (IllegalArgumentException e) {
            throw in.lastElementFault("invalid name: " + e.getMessage());
        }
        if (!seen.add(name.labels())) {
            throw in.lastElementFault("duplicate name " + name.text());
        }
        return name;
    }
}
