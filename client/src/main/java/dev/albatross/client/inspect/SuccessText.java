package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Success;
import java.util.List;

/**
 * Success replies (spec §5.4): {@code reply: <alternative>}, then its fields; lists as entries. Exhaustive over
 * {@link Success.Kind}, like {@link CommandText}.
 */
final class SuccessText {
    private SuccessText() {
    }

    static Lines reply(Lines out, Success reply) {
        return switch (reply.kind()) {
            case EMPTY -> out.titled("reply", "empty");
            case STRING -> out.titled("reply", "string")
                    .field("text", FieldText.quoted(((Success.Message) reply).text()));
            case POLICIES -> policies(out, ((Success.Policies) reply).policies());
            case BLOCK_DEVICES -> blockDevices(out, ((Success.BlockDevices) reply).devices());
            case UNIKERNEL_IMAGE -> {
                Success.UnikernelImage image = (Success.UnikernelImage) reply;
                yield image(out.titled("reply", "unikernel-image"), image.compressed(), image.image());
            }
            case OLD_BLOCK_DEVICE_IMAGE -> {
                Success.OldBlockDeviceImage image = (Success.OldBlockDeviceImage) reply;
                yield image(out.titled("reply", "old-block-device-image"), image.compressed(), image.image());
            }
            case OLD_UNIKERNEL_INFO4 -> infos(out, "old-unikernel-info4",
                    ((Success.OldUnikernelInfo4) reply).unikernels());
            case BLOCK_DEVICE_IMAGE -> out.titled("reply", "block-device-image")
                    .field("compressed", String.valueOf(((Success.BlockDeviceImage) reply).compressed()));
            case OLD_UNIKERNEL_INFO5 -> infos(out, "old-unikernel-info5",
                    ((Success.OldUnikernelInfo5) reply).unikernels());
            case CONSOLES -> consoles(out, ((Success.Consoles) reply).names());
            case UNIKERNEL_INFO -> infos(out, "unikernel-info", ((Success.UnikernelInfo) reply).unikernels());
        };
    }

    /** {@code reply: name, N entries}: the title of a list reply. */
    static String counted(String alternative, int count) {
        return alternative + ", " + count + (count == 1 ? " entry" : " entries");
    }

    private static Lines image(Lines fields, boolean compressed, Bytes image) {
        fields.field("compressed", String.valueOf(compressed));
        InflatedImage.describe(fields, "image", compressed, image);
        return fields;
    }

    private static Lines policies(Lines out, List<Success.PolicyEntry> policies) {
        out.field("reply", counted("policies", policies.size()));
        for (Success.PolicyEntry p : policies) {
            ConfigText.policy(out.entry().field("name", p.name().text()), p.policy());
        }
        return out;
    }

    private static Lines blockDevices(Lines out, List<Success.BlockDeviceEntry> devices) {
        out.field("reply", counted("block-devices", devices.size()));
        for (Success.BlockDeviceEntry d : devices) {
            out.entry().field("name", d.name().text()).field("size", FieldText.megabytes(d.sizeMb()))
                    .field("active", String.valueOf(d.active()));
        }
        return out;
    }

    private static Lines infos(Lines out, String alternative, List<Success.InfoEntry> unikernels) {
        out.field("reply", counted(alternative, unikernels.size()));
        for (Success.InfoEntry u : unikernels) {
            InfoText.info(out.entry().field("name", u.name().text()), u.info());
        }
        return out;
    }

    private static Lines consoles(Lines out, List<Name> names) {
        out.field("reply", counted("consoles", names.size()));
        for (Name name : names) {
            out.entry().line(name.text());
        }
        return out;
    }
}
