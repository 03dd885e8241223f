package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Name;
import java.util.ArrayList;
import java.util.List;

/** Success replies and their tag table (spec §5.4). */
final class SuccessCodec {
    private SuccessCodec() {
    }

    static DerNode node(Success s) {
        return switch (s.kind()) {
            case EMPTY -> DerNode.context(0, DerNode.nul());
            case STRING -> DerNode.context(1, DerNode.utf8(((Success.Message) s).text()));
            case POLICIES -> {
                List<DerNode> entries = new ArrayList<>();
                for (Success.PolicyEntry e : ((Success.Policies) s).policies()) {
                    entries.add(DerNode.sequence(Primitives.name(e.name()), PolicyCodec.node(e.policy())));
                }
                yield DerNode.context(2, DerNode.sequence(entries));
            }
            case BLOCK_DEVICES -> {
                List<DerNode> entries = new ArrayList<>();
                for (Success.BlockDeviceEntry e : ((Success.BlockDevices) s).devices()) {
                    entries.add(DerNode.sequence(Primitives.name(e.name()), DerNode.integer(e.sizeMb()),
                            DerNode.bool(e.active())));
                }
                yield DerNode.context(4, DerNode.sequence(entries));
            }
            case UNIKERNEL_IMAGE -> {
                Success.UnikernelImage i = (Success.UnikernelImage) s;
                yield DerNode.context(6, DerNode.sequence(DerNode.bool(i.compressed()), DerNode.octets(i.image())));
            }
            case OLD_BLOCK_DEVICE_IMAGE -> {
                Success.OldBlockDeviceImage i = (Success.OldBlockDeviceImage) s;
                yield DerNode.context(7, DerNode.sequence(DerNode.bool(i.compressed()), DerNode.octets(i.image())));
            }
            case OLD_UNIKERNEL_INFO4 ->
                DerNode.context(9, infos(((Success.OldUnikernelInfo4) s).unikernels(), InfoCodec.Format.V4));
            case BLOCK_DEVICE_IMAGE -> DerNode.context(10, DerNode.bool(((Success.BlockDeviceImage) s).compressed()));
            case OLD_UNIKERNEL_INFO5 ->
                DerNode.context(11, infos(((Success.OldUnikernelInfo5) s).unikernels(), InfoCodec.Format.V5));
            case CONSOLES -> {
                List<DerNode> names = new ArrayList<>();
                for (Name n : ((Success.Consoles) s).names()) {
                    names.add(Primitives.name(n));
                }
                yield DerNode.context(12, DerNode.sequence(names));
            }
            case UNIKERNEL_INFO ->
                DerNode.context(13, infos(((Success.UnikernelInfo) s).unikernels(), InfoCodec.Format.CURRENT));
        };
    }

    private static DerNode infos(List<Success.InfoEntry> unikernels, InfoCodec.Format format) {
        List<DerNode> entries = new ArrayList<>(unikernels.size());
        for (Success.InfoEntry e : unikernels) {
            entries.add(DerNode.sequence(Primitives.name(e.name()), InfoCodec.node(e.info(), format)));
        }
        return DerNode.sequence(entries);
    }

    private static List<Success.InfoEntry> infos(DerReader in, InfoCodec.Format format) {
        List<Success.InfoEntry> entries = new ArrayList<>();
        in.enter(DerReader.SEQUENCE, "SEQUENCE");
        while (in.hasNextElement()) {
            in.enter(DerReader.SEQUENCE, "element");
            Name name = Primitives.name(in, "name");
            entries.add(new Success.InfoEntry(name, InfoCodec.read(in, format)));
            in.leave();
        }
        in.leave();
        return entries;
    }

    static Success read(DerReader in) {
        int tag = in.peekTag();
        if ((tag & 0xE0) != 0xA0) {
            throw in.fault("Success", "unknown success tag 0x" + Integer.toHexString(tag));
        }
        int n = tag & 0x1F;
        Success s;
        switch (n) {
            case 0 -> {
                in.enterContext(0, "empty");
                in.nul("NULL");
                s = new Success.Empty();
            }
            case 1 -> {
                in.enterContext(1, "string");
                s = new Success.Message(in.utf8("UTF8String"));
            }
            case 2 -> {
                in.enterContext(2, "policies");
                List<Success.PolicyEntry> entries = new ArrayList<>();
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                while (in.hasNextElement()) {
                    in.enter(DerReader.SEQUENCE, "element");
                    Name name = Primitives.name(in, "name");
                    entries.add(new Success.PolicyEntry(name, PolicyCodec.read(in)));
                    in.leave();
                }
                in.leave();
                s = new Success.Policies(entries);
            }
            case 4 -> {
                in.enterContext(4, "block-devices");
                List<Success.BlockDeviceEntry> entries = new ArrayList<>();
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                while (in.hasNextElement()) {
                    in.enter(DerReader.SEQUENCE, "element");
                    Name name = Primitives.name(in, "name");
                    int size = Primitives.int32Checked(in, "size");
                    entries.add(new Success.BlockDeviceEntry(name, size, in.bool("active")));
                    in.leave();
                }
                in.leave();
                s = new Success.BlockDevices(entries);
            }
            case 6, 7 -> {
                in.enterContext(n, n == 6 ? "unikernel-image" : "old-block-device-image");
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                boolean compressed = in.bool("compressed");
                dev.albatross.protocol.der.Bytes image = in.octets("image");
                in.leave();
                s = n == 6 ? new Success.UnikernelImage(compressed, image)
                        : new Success.OldBlockDeviceImage(compressed, image);
            }
            case 9 -> {
                in.enterContext(9, "old-unikernel-info4");
                s = new Success.OldUnikernelInfo4(infos(in, InfoCodec.Format.V4));
            }
            case 10 -> {
                in.enterContext(10, "block-device-image");
                s = new Success.BlockDeviceImage(in.bool("BOOLEAN"));
            }
            case 11 -> {
                in.enterContext(11, "old-unikernel-info5");
                s = new Success.OldUnikernelInfo5(infos(in, InfoCodec.Format.V5));
            }
            case 12 -> {
                in.enterContext(12, "consoles");
                List<Name> names = new ArrayList<>();
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                while (in.hasNextElement()) {
                    names.add(Primitives.name(in, "element"));
                }
                in.leave();
                s = new Success.Consoles(names);
            }
            case 13 -> {
                in.enterContext(13, "unikernel-info");
                s = new Success.UnikernelInfo(infos(in, InfoCodec.Format.CURRENT));
            }
            default -> throw in.fault("Success", "unknown or removed success tag [" + n + "]");
        }
        in.leave();
        return s;
    }
}
