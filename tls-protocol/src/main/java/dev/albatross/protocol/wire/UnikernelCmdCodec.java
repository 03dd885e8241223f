package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import java.util.Optional;

/** Unikernel commands and their tag table (spec §5.2). */
final class UnikernelCmdCodec {
    private UnikernelCmdCodec() {
    }

    private static int createTag(ConfigFormat format, boolean force) {
        return switch (format) {
            case V3 -> force ? 10 : 9;
            case V4 -> force ? 17 : 16;
            case V5 -> force ? 21 : 20;
            case V0, V1, V2 -> throw new IllegalArgumentException("no create command carries " + format);
        };
    }

    static DerNode node(UnikernelCmd cmd) {
        return switch (cmd.kind()) {
            case DESTROY -> DerNode.context(3, DerNode.nul());
            case CREATE -> {
                UnikernelCmd.Create c = (UnikernelCmd.Create) cmd;
                yield DerNode.context(createTag(c.format(), false), UnikernelConfigCodec.node(c.config(), c.format()));
            }
            case FORCE_CREATE -> {
                UnikernelCmd.ForceCreate c = (UnikernelCmd.ForceCreate) cmd;
                yield DerNode.context(createTag(c.format(), true), UnikernelConfigCodec.node(c.config(), c.format()));
            }
            case GET -> DerNode.context(11, DerNode.integer(((UnikernelCmd.Get) cmd).level()));
            case RESTART -> DerNode.context(14, restart((UnikernelCmd.Restart) cmd));
            case OLD_INFO4 -> DerNode.context(15, DerNode.nul());
            case OLD_INFO5 -> DerNode.context(18, DerNode.nul());
            case INFO -> DerNode.context(19, DerNode.nul());
        };
    }

    private static DerNode restart(UnikernelCmd.Restart r) {
        if (r.arguments().isEmpty()) {
            return DerNode.context(0, DerNode.nul());
        }
        int tag = switch (r.format()) {
            case V0 -> 1;
            case V1 -> 2;
            case CURRENT -> 3;
        };
        return DerNode.context(tag, UnikernelConfigCodec.arguments(r.arguments().get(), r.format()));
    }

    static UnikernelCmd read(DerReader in) {
        int tag = in.peekTag();
        if ((tag & 0xE0) != 0xA0) {
            throw in.fault("UnikernelCmd", "unknown unikernel command tag 0x" + Integer.toHexString(tag));
        }
        int n = tag & 0x1F;
        UnikernelCmd cmd;
        switch (n) {
            case 3 -> {
                in.enterContext(3, "destroy");
                in.nul("NULL");
                cmd = new UnikernelCmd.Destroy();
            }
            case 9, 16, 20 -> {
                in.enterContext(n, "create");
                ConfigFormat format = n == 9 ? ConfigFormat.V3 : n == 16 ? ConfigFormat.V4 : ConfigFormat.V5;
                cmd = new UnikernelCmd.Create(UnikernelConfigCodec.read(in, format), format);
            }
            case 10, 17, 21 -> {
                in.enterContext(n, "force-create");
                ConfigFormat format = n == 10 ? ConfigFormat.V3 : n == 17 ? ConfigFormat.V4 : ConfigFormat.V5;
                cmd = new UnikernelCmd.ForceCreate(UnikernelConfigCodec.read(in, format), format);
            }
            case 11 -> {
                in.enterContext(11, "get");
                cmd = new UnikernelCmd.Get(Primitives.int32Checked(in, "level"));
            }
            case 14 -> {
                in.enterContext(14, "restart");
                cmd = restart(in);
            }
            case 15 -> {
                in.enterContext(15, "info-OLD4");
                in.nul("NULL");
                cmd = new UnikernelCmd.OldInfo4();
            }
            case 18 -> {
                in.enterContext(18, "info-OLD5");
                in.nul("NULL");
                cmd = new UnikernelCmd.OldInfo5();
            }
            case 19 -> {
                in.enterContext(19, "info");
                in.nul("NULL");
                cmd = new UnikernelCmd.Info();
            }
            default -> throw in.fault("UnikernelCmd", "unknown or removed unikernel command tag [" + n + "]");
        }
        in.leave();
        return cmd;
    }

    private static UnikernelCmd.Restart restart(DerReader in) {
        int tag = in.peekTag();
        UnikernelCmd.Restart r;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "no-arguments");
                in.nul("NULL");
                r = new UnikernelCmd.Restart(Optional.empty());
            }
            case 0xA1, 0xA2, 0xA3 -> {
                UnikernelArguments.Format format = tag == 0xA1 ? UnikernelArguments.Format.V0
                        : tag == 0xA2 ? UnikernelArguments.Format.V1 : UnikernelArguments.Format.CURRENT;
                in.enterContext(tag & 0x1F, "arguments");
                r = new UnikernelCmd.Restart(Optional.of(UnikernelConfigCodec.arguments(in, format)), format);
            }
            default -> throw in.fault("RestartArgs", "unknown restart tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return r;
    }
}
