package dev.albatross.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.GeneralizedTime;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import java.util.List;
import java.util.Locale;

/**
 * Our decoded values in the JSON shape the corpus recorder wrote in each frame's {@code decoded} field
 * (vectors/README.md), so a test can check that a frame decodes to what its file says.
 */
public final class VectorJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VectorJson() {
    }

    /**
     * Asserts that {@code ours} and {@code recorded} are the same JSON: numbers compare by value (Jackson keeps
     * int and long nodes apart), object keys in any order.
     */
    public static void assertSame(JsonNode recorded, JsonNode ours, String what) {
        if (!recorded.equals(NUMBERS_BY_VALUE, ours)) {
            throw new AssertionError(what + ": decodes differently\n  recorded: " + recorded + "\n  ours:     " + ours);
        }
    }

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    public static ObjectNode wire(Wire w) {
        ObjectNode o = F.objectNode();
        o.set("header", header(w.header()));
        o.set("payload", payload(w.payload()));
        return o;
    }

    public static ObjectNode header(Header h) {
        ObjectNode o = F.objectNode();
        o.put("version", h.version());
        o.put("sequence", h.sequence());
        o.put("name", h.name().text());
        return o;
    }

    public static ObjectNode payload(Payload p) {
        return switch (p.payloadKind()) {
            case COMMAND -> command((Command) p);
            case REPLY -> success((Success) p);
            case FAILURE -> {
                ObjectNode o = kind("failure");
                o.put("message", ((Failure) p).message());
                yield o;
            }
            case DATA -> data((Data) p);
        };
    }

    private static ObjectNode kind(String kind) {
        ObjectNode o = F.objectNode();
        o.put("kind", kind);
        return o;
    }

    /** The command alone (as in a certificate extension's {@code decoded.command}), without "kind". */
    public static ObjectNode commandBody(Command c) {
        ObjectNode o = command(c);
        o.remove("kind");
        return o;
    }

    private static ObjectNode command(Command c) {
        ObjectNode o = kind("command");
        switch (c.commandKind()) {
            case CONSOLE -> console(o, (ConsoleCmd) c);
            case STATS -> stats(o, (StatsCmd) c);
            case UNIKERNEL -> unikernel(o, (UnikernelCmd) c);
            case POLICY -> policy(o, (PolicyCmd) c);
            case BLOCK -> block(o, (BlockCmd) c);
        }
        return o;
    }

    private static void console(ObjectNode o, ConsoleCmd c) {
        switch (c.kind()) {
            case ADD -> {
                o.put("console", "add");
                o.put("max_consoles", ((ConsoleCmd.Add) c).maxConsoles());
            }
            case SUBSCRIBE_SINCE -> {
                o.put("console", "subscribe");
                o.put("since", GeneralizedTime.format(((ConsoleCmd.SubscribeSince) c).since()));
            }
            case SUBSCRIBE_COUNT -> {
                o.put("console", "subscribe");
                o.put("count", ((ConsoleCmd.SubscribeCount) c).count());
            }
            case LIST_INACTIVE -> o.put("console", "list_inactive");
        }
    }

    private static void stats(ObjectNode o, StatsCmd c) {
        switch (c.kind()) {
            case ADD -> {
                StatsCmd.Add add = (StatsCmd.Add) c;
                o.put("stats", "add");
                o.put("vmmdev", add.vmmdev());
                o.put("pid", add.pid());
                ArrayNode network = o.putArray("network");
                for (StatsCmd.Interface i : add.network()) {
                    network.add(F.arrayNode().add(i.netif()).add(i.tap()));
                }
            }
            case REMOVE -> o.put("stats", "remove");
            case SUBSCRIBE -> o.put("stats", "subscribe");
            case INITIAL -> o.put("stats", "initial");
        }
    }

    private static void unikernel(ObjectNode o, UnikernelCmd c) {
        switch (c.kind()) {
            case DESTROY -> o.put("unikernel", "destroy");
            case CREATE -> {
                o.put("unikernel", "create");
                o.set("config", config(((UnikernelCmd.Create) c).config()));
            }
            case FORCE_CREATE -> {
                o.put("unikernel", "force_create");
                o.set("config", config(((UnikernelCmd.ForceCreate) c).config()));
            }
            case GET -> {
                o.put("unikernel", "get");
                o.put("compression_level", ((UnikernelCmd.Get) c).level());
            }
            case RESTART -> {
                o.put("unikernel", "restart");
                UnikernelCmd.Restart r = (UnikernelCmd.Restart) c;
                o.set("arguments", r.arguments().<JsonNode>map(VectorJson::arguments).orElse(F.nullNode()));
            }
            case OLD_INFO4 -> o.put("unikernel", "old_info4");
            case OLD_INFO5 -> o.put("unikernel", "old_info5");
            case INFO -> o.put("unikernel", "info");
        }
    }

    private static void policy(ObjectNode o, PolicyCmd c) {
        switch (c.kind()) {
            case INFO -> o.put("policy", "info");
            case ADD -> {
                o.put("policy", "add");
                o.set("policy_value", policy(((PolicyCmd.Add) c).policy()));
            }
            case REMOVE -> o.put("policy", "remove");
        }
    }

    private static void block(ObjectNode o, BlockCmd c) {
        switch (c.kind()) {
            case INFO -> o.put("block", "info");
            case ADD -> {
                o.put("block", "add");
                o.put("size_mb", ((BlockCmd.Add) c).sizeMb());
            }
            case REMOVE -> o.put("block", "remove");
            case OLD_ADD -> {
                BlockCmd.OldAdd a = (BlockCmd.OldAdd) c;
                o.put("block", "old_add");
                o.put("size_mb", a.sizeMb());
                o.put("compressed", a.compressed());
                o.set("data", a.data().map(d -> (JsonNode) F.textNode(sizeOnly(d))).orElse(F.nullNode()));
            }
            case OLD_SET -> {
                BlockCmd.OldSet s = (BlockCmd.OldSet) c;
                o.put("block", "old_set");
                o.put("compressed", s.compressed());
                o.put("data", sizeOnly(s.data()));
            }
            case OLD_DUMP -> {
                o.put("block", "old_dump");
                o.put("compression_level", ((BlockCmd.OldDump) c).level());
            }
            case DUMP -> {
                o.put("block", "dump");
                o.put("compression_level", ((BlockCmd.Dump) c).level());
            }
            case SET -> {
                o.put("block", "set");
                o.put("compressed", ((BlockCmd.Set) c).compressed());
            }
        }
    }

    public static ObjectNode policy(Policy p) {
        ObjectNode o = F.objectNode();
        ArrayNode cpuids = o.putArray("cpuids");
        p.cpuids().forEach(cpuids::add);
        o.put("unikernels", p.unikernels());
        o.put("memory_mb", p.memoryMb());
        p.blockMb().ifPresent(b -> o.put("block_mb", b));
        ArrayNode bridges = o.putArray("bridges");
        p.bridges().forEach(bridges::add);
        return o;
    }

    public static ObjectNode config(UnikernelConfig c) {
        ObjectNode o = F.objectNode();
        o.put("typ", c.typ().name().toLowerCase(Locale.ROOT));
        o.put("compressed", c.compressed());
        o.put("image", image(c.image()));
        c.startup().ifPresent(s -> o.put("startup", s));
        o.put("add_name", c.addName());
        o.set("fail_behaviour", failBehaviour(c.failBehaviour()));
        ArrayNode cpuids = o.putArray("cpuids");
        c.cpuids().forEach(cpuids::add);
        o.put("memory_mb", c.memoryMb());
        devices(o, c.blocks(), c.bridges());
        c.arguments().ifPresent(a -> strings(o.putArray("arguments"), a));
        c.cpus().ifPresent(n -> o.put("cpus", n));
        c.linuxBootPartition().ifPresent(p -> o.put("linux_boot_partition", p));
        return o;
    }

    private static ObjectNode arguments(UnikernelArguments a) {
        ObjectNode o = F.objectNode();
        a.startup().ifPresent(s -> o.put("startup", s));
        o.put("add_name", a.addName());
        o.set("fail_behaviour", failBehaviour(a.failBehaviour()));
        ArrayNode cpuids = o.putArray("cpuids");
        a.cpuids().forEach(cpuids::add);
        o.put("memory_mb", a.memoryMb());
        devices(o, a.blocks(), a.bridges());
        a.arguments().ifPresent(args -> strings(o.putArray("arguments"), args));
        a.cpus().ifPresent(n -> o.put("cpus", n));
        a.linuxBootPartition().ifPresent(p -> o.put("linux_boot_partition", p));
        return o;
    }

    private static void devices(ObjectNode o, List<BlockDevice> blocks, List<NetIf> bridges) {
        if (!blocks.isEmpty()) {
            ArrayNode a = o.putArray("blocks");
            for (BlockDevice b : blocks) {
                ObjectNode e = a.addObject();
                e.put("name", b.name());
                b.device().ifPresent(d -> e.put("device", d));
                b.sectorSize().ifPresent(s -> e.put("sector_size", s));
            }
        }
        if (!bridges.isEmpty()) {
            ArrayNode a = o.putArray("bridges");
            for (NetIf n : bridges) {
                ObjectNode e = a.addObject();
                e.put("netif", n.netif());
                n.bridge().ifPresent(b -> e.put("bridge", b));
                n.mac().ifPresent(m -> e.put("mac", m.toString()));
            }
        }
    }

    private static JsonNode failBehaviour(FailBehaviour fb) {
        return switch (fb.kind()) {
            case QUIT -> F.textNode("quit");
            case RESTART -> {
                FailBehaviour.Restart r = (FailBehaviour.Restart) fb;
                ObjectNode o = F.objectNode();
                if (r.onAllCodes()) {
                    o.put("restart_on_exit_codes", "all (except 1, 60-64)");
                } else {
                    ArrayNode codes = o.putArray("restart_on_exit_codes");
                    r.exitCodes().forEach(codes::add);
                }
                yield o;
            }
        };
    }

    private static ObjectNode success(Success s) {
        ObjectNode o = kind("reply");
        switch (s.kind()) {
            case EMPTY -> o.put("success", "empty");
            case STRING -> {
                o.put("success", "string");
                o.put("value", ((Success.Message) s).text());
            }
            case POLICIES -> {
                o.put("success", "policies");
                ArrayNode a = o.putArray("value");
                for (Success.PolicyEntry e : ((Success.Policies) s).policies()) {
                    ObjectNode x = a.addObject();
                    x.put("name", e.name().text());
                    x.set("policy", policy(e.policy()));
                }
            }
            case BLOCK_DEVICES -> {
                o.put("success", "block_devices");
                ArrayNode a = o.putArray("value");
                for (Success.BlockDeviceEntry e : ((Success.BlockDevices) s).devices()) {
                    ObjectNode x = a.addObject();
                    x.put("name", e.name().text());
                    x.put("size_mb", e.sizeMb());
                    x.put("active", e.active());
                }
            }
            case UNIKERNEL_IMAGE -> {
                Success.UnikernelImage i = (Success.UnikernelImage) s;
                o.put("success", "unikernel_image");
                o.put("compressed", i.compressed());
                o.put("image", image(i.image()));
            }
            case OLD_BLOCK_DEVICE_IMAGE -> o.put("success_tag", 7);
            case OLD_UNIKERNEL_INFO4 -> o.put("success_tag", 9);
            case BLOCK_DEVICE_IMAGE -> {
                o.put("success", "block_device_image");
                o.put("compressed", ((Success.BlockDeviceImage) s).compressed());
            }
            case OLD_UNIKERNEL_INFO5 -> o.put("success_tag", 11);
            case CONSOLES -> {
                o.put("success", "consoles");
                ArrayNode a = o.putArray("value");
                ((Success.Consoles) s).names().forEach(n -> a.add(n.text()));
            }
            case UNIKERNEL_INFO -> {
                o.put("success", "unikernel_info");
                ArrayNode a = o.putArray("value");
                for (Success.InfoEntry e : ((Success.UnikernelInfo) s).unikernels()) {
                    ObjectNode x = a.addObject();
                    x.put("name", e.name().text());
                    x.set("info", info(e.info()));
                }
            }
        }
        return o;
    }

    public static ObjectNode info(Info i) {
        ObjectNode o = F.objectNode();
        o.put("typ", i.typ().name().toLowerCase(Locale.ROOT));
        i.startup().ifPresent(s -> o.put("startup", s));
        o.set("fail_behaviour", failBehaviour(i.failBehaviour()));
        ArrayNode cpuids = o.putArray("cpuids");
        i.cpuids().forEach(cpuids::add);
        o.put("memory_mb", i.memoryMb());
        o.put("digest", i.digest().toHex());
        if (!i.blocks().isEmpty()) {
            ArrayNode a = o.putArray("blocks");
            for (Info.Block b : i.blocks()) {
                ObjectNode e = a.addObject();
                e.put("unikernel_device", b.unikernelDevice());
                e.put("host_device", b.hostDevice());
                e.put("sector_size", b.sectorSize());
                e.put("block_size_mb", b.sizeMb());
            }
        }
        if (!i.bridges().isEmpty()) {
            ArrayNode a = o.putArray("bridges");
            for (Info.Bridge b : i.bridges()) {
                ObjectNode e = a.addObject();
                e.put("unikernel_device", b.unikernelDevice());
                e.put("host_device", b.hostDevice());
                e.put("mac", b.mac().toString());
            }
        }
        i.arguments().ifPresent(a -> strings(o.putArray("arguments"), a));
        i.started().ifPresent(t -> o.put("started", GeneralizedTime.format(t)));
        i.cpus().ifPresent(n -> o.put("cpus", n));
        i.linuxBootPartition().ifPresent(p -> o.put("linux_boot_partition", p));
        return o;
    }

    private static ObjectNode data(Data d) {
        ObjectNode o = kind("data");
        switch (d.kind()) {
            case STATISTICS -> o.put("data", "statistics");
            case CONSOLE -> {
                Data.Console c = (Data.Console) d;
                o.put("data", "console");
                o.put("timestamp", GeneralizedTime.format(c.timestamp()));
                o.put("line", c.line());
            }
            case BLOCK -> {
                o.put("data", "block_data");
                o.set("chunk", ((Data.BlockData) d).chunk().map(b -> (JsonNode) F.textNode(sizeOnly(b)))
                        .orElse(F.nullNode()));
            }
        }
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** {@code <N bytes, sha256 HEX>}, as the recorder summarises images. */
    public static String image(Bytes image) {
        return "<" + image.length() + " bytes, sha256 " + image.sha256().toHex() + ">";
    }

    /** {@code <N bytes>}, as the recorder summarises block data. */
    public static String sizeOnly(Bytes data) {
        return "<" + data.length() + " bytes>";
    }
}
