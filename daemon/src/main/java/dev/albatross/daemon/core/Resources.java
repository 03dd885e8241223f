package dev.albatross.daemon.core;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.x509.ChainPolicyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the host has handed out (spec §6.5, Albatross's {@code Vmm_resources}): policies per path, block
 * devices, and the configurations of running unikernels. An immutable value: every operation returns a new
 * one or says why not, and leaves this one untouched.
 *
 * <p>Compat §13.2 #1 and #20, fixed: a unikernel or block device is checked against the policy of EVERY
 * ancestor path, the root's (the host) included, and a new policy against every policy above it, so siblings
 * under a delegation cannot together exceed what their parent was given. The wording of each refusal is
 * Albatross's; a refusal by an ancestor's policy names that path.
 */
public record Resources(NameTrie<Policy> policies, NameTrie<BlockState> blocks, NameTrie<UnikernelConfig> unikernels,
        Optional<Path> zvolPath) {

    public Resources {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(unikernels, "unikernels");
        Objects.requireNonNull(zvolPath, "zvolPath");
    }

    /** Nothing handed out; {@code zvolPath}: the path allowed to use {@code /dev/zvol...} devices untracked. */
    public static Resources empty(Optional<Path> zvolPath) {
        return new Resources(NameTrie.empty(), NameTrie.empty(), NameTrie.empty(), zvolPath);
    }

    /** An operation's outcome: the new resources, or why not (text for the tenant). */
    public sealed interface Outcome {
        record Done(Resources resources) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }

        /** The new resources; fails if refused (for callers that checked first). */
        default Resources orElseThrow() {
            if (this instanceof Done done) {
                return done.resources();
            }
            throw new IllegalStateException(((Refused) this).reason());
        }
    }

    private static Outcome done(Resources r) {
        return new Outcome.Done(r);
    }

    private static Outcome refused(String reason) {
        return new Outcome.Refused(reason);
    }

    // ---- usage ---------------------------------------------------------------------------------------------

    /** Running unikernels below {@code path} and their memory. */
    public Usage usage(Path path) {
        long[] counts = new long[2];
        List<Integer> cpus = new ArrayList<>();
        List<String> bridges = new ArrayList<>();
        unikernels.fold(path, (n, c) -> {
            counts[0]++;
            counts[1] += c.memoryMb();
            cpus.addAll(c.cpuids());
            bridges.addAll(bridgesOf(c));
        });
        long[] block = new long[2];
        blocks.fold(path, (n, b) -> block[b.active() ? 0 : 1] += b.sizeMb());
        return new Usage((int) counts[0], counts[1], List.copyOf(new TreeSet<>(cpus)), bridges, block[0], block[1]);
    }

    /** What a subtree uses: unikernels, memory (MB), CPU ids, bridges, attached and unattached block MB. */
    public record Usage(int unikernels, long memoryMb, List<Integer> cpuids, List<String> bridges,
            long attachedBlockMb, long unattachedBlockMb) {
        public long blockMb() {
            return attachedBlockMb + unattachedBlockMb;
        }
    }

    /** The host bridges a configuration uses: each interface's bridge, or its name. */
    public static List<String> bridgesOf(UnikernelConfig config) {
        List<String> out = new ArrayList<>(config.bridges().size());
        for (NetIf n : config.bridges()) {
            out.add(n.hostBridge());
        }
        return out;
    }

    /**
     * The block device {@code device} of a unikernel {@code name} (spec §4): same path, the device string as
     * label. Albatross does not re-validate the device string; block devices are only ever created under valid
     * names, so a device string that is not a label names no block device at all.
     */
    public static Optional<Name> blockName(Name name, String device) {
        return Label.parse(device).map(l -> Name.of(name.path(), l));
    }

    // ---- unikernels ----------------------------------------------------------------------------------------

    /**
     * Whether {@code config} may run as {@code name} (spec §6.5 dynamic checks): the policies of its path and
     * of every ancestor, its block devices, and that the name is free. Empty means admitted.
     */
    public Optional<String> checkUnikernel(Name name, UnikernelConfig config) {
        List<Path> paths = name.path().selfAndAncestorsFromRoot();
        for (int i = paths.size() - 1; i >= 0; i--) {
            Path p = paths.get(i);
            Optional<Policy> policy = policies.find(p);
            if (policy.isPresent()) {
                Optional<String> refusal = checkPolicy(policy.get(), usage(p), config);
                if (refusal.isPresent()) {
                    return i == paths.size() - 1 ? refusal : Optional.of(refusal.get() + byPolicyAt(p));
                }
            }
        }
        for (BlockDevice b : config.blocks()) {
            if (zvolAllowed(name, b.hostDevice())) {
                continue;
            }
            Optional<BlockState> state = blockName(name, b.hostDevice()).flatMap(blocks::find);
            String text = name.blockText(b.hostDevice());
            if (state.isEmpty()) {
                return Optional.of("block device " + text + " not found");
            } else if (state.get().active()) {
                return Optional.of("block device " + text + " already in use");
            }
        }
        if (unikernels.find(name).isPresent()) {
            return Optional.of("unikernel with same name already exists");
        }
        return Optional.empty();
    }

    private static String byPolicyAt(Path p) {
        return " (policy of " + (p.isRoot() ? "the host" : p.asName().text()) + ")";
    }

    private static Optional<String> checkPolicy(Policy p, Usage used, UnikernelConfig config) {
        if (used.unikernels() + 1L > p.unikernels()) {
            return Optional.of("maximum amount of unikernels (" + p.unikernels() + ") reached");
        } else if (config.memoryMb() > p.memoryMb() - used.memoryMb()) {
            return Optional.of("maximum allowed memory (" + p.memoryMb() + ", used " + used.memoryMb()
                    + ") would be exceeded (requesting " + config.memoryMb() + ")");
        }
        List<Integer> cpus = PolicyRules.difference(config.cpuids(), p.cpuids());
        if (!cpus.isEmpty()) {
            return Optional.of("CPUids " + PolicyRules.joinInts(cpus) + " are not allowed by policy");
        }
        List<String> bridges = PolicyRules.disallowedBridges(bridgesOf(config), p.bridges());
        if (!bridges.isEmpty()) {
            return Optional.of("bridges " + String.join(", ", bridges) + " not allowed by policy");
        }
        return Optional.empty();
    }

    /** The zvol escape (spec §7.6): {@code /dev/zvol...} devices of unikernels at exactly the allowed path. */
    private boolean zvolAllowed(Name name, String device) {
        return zvolPath.isPresent() && device.startsWith("/dev/zvol") && zvolPath.get().equals(name.path());
    }

    /** Records a started unikernel and marks its block devices attached. */
    public Outcome insertUnikernel(Name name, UnikernelConfig config) {
        if (unikernels.find(name).isPresent()) {
            return refused("unikernel with same name already exists");
        }
        NameTrie<BlockState> b = blocks;
        for (BlockDevice d : config.blocks()) {
            if (zvolAllowed(name, d.hostDevice())) {
                continue;
            }
            Optional<Name> block = blockName(name, d.hostDevice());
            Optional<BlockState> state = block.flatMap(b::find);
            if (state.isEmpty() || state.get().active()) {
                return refused("block device " + name.blockText(d.hostDevice()) + " not available");
            }
            b = b.insert(block.get(), state.get().withActive(true));
        }
        return done(new Resources(policies, b, unikernels.insert(name, config), zvolPath));
    }

    /** Forgets a unikernel that exited and detaches its block devices. */
    public Outcome removeUnikernel(Name name) {
        Optional<UnikernelConfig> config = unikernels.find(name);
        if (config.isEmpty()) {
            return refused("unknown unikernel");
        }
        NameTrie<BlockState> b = blocks;
        for (BlockDevice d : config.get().blocks()) {
            Optional<Name> block = blockName(name, d.hostDevice());
            Optional<BlockState> state = block.flatMap(b::find);
            if (state.isPresent()) {
                b = b.insert(block.get(), state.get().withActive(false));
            }
        }
        return done(new Resources(policies, b, unikernels.remove(name), zvolPath));
    }

    // ---- policies ------------------------------------------------------------------------------------------

    /**
     * Installs {@code policy} at {@code path} (spec §6.5 static checks): it must be within every policy above
     * (the host's included), contain every policy below, and fit what already runs below it.
     */
    public Outcome insertPolicy(Path path, Policy policy) {
        return insertPolicy(path, policy, 0);
    }

    /**
     * Like {@link #insertPolicy} but without comparing to the host's (root) policy: used when restoring a state
     * file, where the host may have shrunk since; creates are still bounded by the host's policy.
     */
    public Outcome restorePolicy(Path path, Policy policy) {
        return insertPolicy(path, policy, 1);
    }

    /** {@code highest}: the depth of the highest ancestor whose policy is compared (0: the root's, the host's). */
    private Outcome insertPolicy(Path path, Policy policy, int highest) {
        List<Path> above = path.selfAndAncestorsFromRoot();
        for (int i = above.size() - 2; i >= highest; i--) {
            Optional<Policy> sup = policies.find(above.get(i));
            if (sup.isPresent()) {
                Optional<String> refusal = ChainPolicyRules.notSmaller(sup.get(), policy);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
        }
        return insertPolicyBelowChecks(path, policy);
    }

    private Outcome insertPolicyBelowChecks(Path path, Policy policy) {
        // The policy at `path` itself (relative name ":") is the one being replaced: not compared.
        String[] refusal = {null};
        policies.fold(path, (n, below) -> {
            if (refusal[0] == null && !n.equals(Name.ROOT)) {
                refusal[0] = ChainPolicyRules.notSmaller(policy, below).orElse(null);
            }
        });
        if (refusal[0] != null) {
            return refused(refusal[0]);
        }
        Optional<String> usage = checkUsage(usage(path), policy);
        if (usage.isPresent()) {
            return refused(usage.get());
        }
        return done(new Resources(policies.insert(path.asName(), policy), blocks, unikernels, zvolPath));
    }

    private static Optional<String> checkUsage(Usage used, Policy p) {
        List<Integer> cpus = PolicyRules.difference(used.cpuids(), p.cpuids());
        TreeSet<String> bridges = new TreeSet<>(dev.albatross.protocol.der.RawText.BYTE_ORDER);
        bridges.addAll(used.bridges());
        long block = p.blockMb().orElse(0);
        if (!cpus.isEmpty()) {
            return Optional.of("policy does not allow CPUids " + PolicyRules.joinInts(cpus));
        } else if (!p.bridges().containsAll(bridges)) {
            return Optional.of("policy allows bridges " + String.join(", ", p.bridges())
                    + ", which is not a superset of " + String.join(", ", bridges));
        } else if (used.unikernels() > p.unikernels()) {
            return Optional.of("unikernel would exceed running unikernel limit set by policy to " + p.unikernels()
                    + ", running " + used.unikernels());
        } else if (used.memoryMb() > p.memoryMb()) {
            return Optional.of("unikernel would exceed running memory limit set by policy to " + p.memoryMb()
                    + " MB, used " + used.memoryMb() + " MB");
        } else if (used.blockMb() > block) {
            return Optional.of("unikernel would exceed running block storage limit set by policy to " + block
                    + " MB, used " + used.blockMb() + " MB");
        }
        return Optional.empty();
    }

    /** Replaces the host's (root) policy, which the daemon computes from the machine at every start. */
    public Resources withRootPolicy(Policy root) {
        return new Resources(policies.insert(Name.ROOT, root), blocks, unikernels, zvolPath);
    }

    public Outcome removePolicy(Path path) {
        if (policies.find(path).isEmpty()) {
            return refused("unknown policy");
        }
        return done(new Resources(policies.remove(path.asName()), blocks, unikernels, zvolPath));
    }

    // ---- block devices -------------------------------------------------------------------------------------

    /** Whether a new block device {@code name} of {@code sizeMb} fits (spec §6.5), every ancestor's policy too. */
    public Optional<String> checkBlock(Name name, int sizeMb) {
        if (blocks.find(name).isPresent()) {
            return Optional.of("block device with name " + name.text() + " already exists");
        }
        List<Path> paths = name.path().selfAndAncestorsFromRoot();
        for (int i = paths.size() - 1; i >= 0; i--) {
            Path p = paths.get(i);
            Optional<Policy> policy = policies.find(p);
            if (policy.isEmpty()) {
                continue;
            }
            Optional<String> refusal;
            if (policy.get().blockMb().isEmpty()) {
                refusal = Optional.of("no block devices are allowed by policy");
            } else {
                long limit = policy.get().blockMb().getAsInt();
                long used = usage(p).blockMb();
                refusal = sizeMb <= limit - used ? Optional.empty()
                        : Optional.of("block device policy limit of " + limit + " MB (used " + used
                                + " MB) would be exceeded by the request (" + sizeMb + " MB)");
            }
            if (refusal.isPresent()) {
                return i == paths.size() - 1 ? refusal : Optional.of(refusal.get() + byPolicyAt(p));
            }
        }
        return Optional.empty();
    }

    /** Records a new, unattached block device (after {@link #checkBlock}). */
    public Outcome insertBlock(Name name, int sizeMb) {
        Optional<String> refusal = checkBlock(name, sizeMb);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        return done(new Resources(policies, blocks.insert(name, new BlockState(sizeMb, false)), unikernels,
                zvolPath));
    }

    /** Records a block device found on disk at start, without policy checks (it exists whatever they say). */
    public Resources withExistingBlock(Name name, int sizeMb) {
        return new Resources(policies, blocks.insert(name, new BlockState(sizeMb, false)), unikernels, zvolPath);
    }

    public Outcome removeBlock(Name name) {
        Optional<BlockState> state = blocks.find(name);
        if (state.isEmpty()) {
            return refused("unknown block device " + name.text());
        } else if (state.get().active()) {
            return refused("block device " + name.text() + " in use");
        }
        return done(new Resources(policies, blocks.remove(name), unikernels, zvolPath));
    }

    /** Max consoles for a unikernel's path (spec §7.3): max_int at the root, the policy's count, or 0. */
    public long consolesFor(Name name) {
        if (name.path().isRoot()) {
            return (1L << 62) - 1;
        }
        return policies.find(name.path()).map(Policy::unikernels).orElse(0L);
    }
}
