package dev.albatross.protocol.state;

import static dev.albatross.protocol.vectors.HandDer.FALSE;
import static dev.albatross.protocol.vectors.HandDer.NULL;
import static dev.albatross.protocol.vectors.HandDer.TRUE;
import static dev.albatross.protocol.vectors.HandDer.ctx;
import static dev.albatross.protocol.vectors.HandDer.integer;
import static dev.albatross.protocol.vectors.HandDer.octets;
import static dev.albatross.protocol.vectors.HandDer.seq;
import static dev.albatross.protocol.vectors.HandDer.set;
import static dev.albatross.protocol.vectors.HandDer.utf8;

import dev.albatross.protocol.vectors.HandDer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State files of every version, written by hand from the grammar of spec §5.3 and §5.9 with the configurations
 * of the upstream state tests (spec §12.1): u1 = {solo5, plain, empty image, quit, cpuid 0, 1 MB, blocks
 * [block; secondblock → second-data], nets [service; other-net → second-bridge], argv ["-l *:debug"]}, u2 =
 * {cpuid 2, 10 MB, net [service → bridge-interface, MAC 00:de:ad:be:ef:00]}. Each older grammar holds what
 * it can of them. Public: the fuzz test starts from these too.
 */
public final class StateExamples {
    private static final String SOLO5 = ctx(0, NULL);
    private static final String QUIT = ctx(0, NULL);
    private static final String EMPTY_IMAGE = octets("");
    private static final String ARGV = ctx(2, seq(utf8("-l *:debug")));

    private StateExamples() {
    }

    /** {@code Trie{T} ::= SEQUENCE OF SEQUENCE { name UTF8String, value T }}. */
    static String trie(String... nameValuePairs) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            entries.append(seq(utf8(nameValuePairs[i]), nameValuePairs[i + 1]));
        }
        return seq(entries.toString());
    }

    // ---- V1, state [0]: block and bridge names as SET OF UTF8String ------------------------------------------

    static String u1V1() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(0), integer(1),
                ctx(0, set(utf8("block"), utf8("secondblock"))), ctx(1, set(utf8("service"), utf8("other-net"))), ARGV);
    }

    static String u2V1() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(2), integer(10), ctx(1, set(utf8("service"))));
    }

    public static String old1() {
        return ctx(0, trie(":foo.hello", u1V1(), ":foo.my.nice.unikernel", u2V1()));
    }

    // ---- V0, state [1]: cpu, memory, block OPT, nets OPT, image CHOICE, argv OPT ------------------------------

    public static String old0() {
        String full = seq(integer(0), integer(1), utf8("block"), seq(utf8("service"), utf8("other-net")),
                ctx(2, octets("78da")), seq(utf8("-l *:debug")));
        String amd64 = seq(integer(2), integer(10), ctx(0, octets("7f454c46")));
        String arm64 = seq(integer(3), integer(20), ctx(1, octets("")));
        return ctx(1, trie("foo.hello", full, "bar.hello", amd64, "baz.hello", arm64));
    }

    // ---- V2, state [2]: block names SET OF UTF8String, nets SEQUENCE OF (netif, bridge OPT) --------------------

    static String u1V2() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(0), integer(1),
                ctx(0, set(utf8("block"), utf8("second-data"))),
                ctx(1, seq(seq(utf8("service")), seq(utf8("other-net"), utf8("second-bridge")))), ARGV);
    }

    static String u2V2() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(2), integer(10),
                ctx(1, seq(seq(utf8("service"), utf8("bridge-interface")))));
    }

    public static String old2() {
        return ctx(2, trie(":foo.hello", u1V2(), ":foo.my.nice.unikernel", u2V2()));
    }

    // ---- V3, states [3] and [4]: BlockDev and NetIf ------------------------------------------------------------

    static String u1V3() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(0), integer(1),
                ctx(0, set(seq(utf8("block")), seq(utf8("secondblock"), utf8("second-data")))),
                ctx(1, set(seq(utf8("service")), seq(utf8("other-net"), utf8("second-bridge")))), ARGV);
    }

    static String u2V3() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, QUIT, integer(2), integer(10),
                ctx(1, set(seq(utf8("service"), utf8("bridge-interface"), octets("00deadbeef00")))));
    }

    public static String old3() {
        return ctx(3, trie("foo:hello", u1V3(), "foo:my.nice.unikernel", u2V3()));
    }

    /** {@code Policy ::= SEQUENCE { cpuids SEQUENCE OF INTEGER, unikernels, memory, block OPT, bridges }}. */
    static String rootPolicy() {
        return seq(seq(integer(0), integer(1)), integer((1L << 62) - 1), integer(24105), integer(258019),
                seq(utf8("albr0"), utf8("barbr23081")));
    }

    static String fooPolicy() {
        return seq(seq(integer(0)), integer(3), integer(256), seq());
    }

    public static String old3WithPolicies() {
        return ctx(4, seq(trie("foo:hello", u1V3(), "foo:my.nice.unikernel", u2V3()),
                trie(":", rootPolicy(), "foo:", fooPolicy())));
    }

    // ---- V4, state [5]: V3 plus startup OPT and add-name after the image --------------------------------------

    static String u1V4() {
        return seq(SOLO5, TRUE, octets("78da"), integer(20), FALSE, ctx(1, set(integer(0), integer(5))), integer(0),
                integer(1), ctx(0, set(seq(utf8("block")), seq(utf8("secondblock"), utf8("second-data")))), ARGV);
    }

    static String u2V4() {
        return seq(SOLO5, FALSE, EMPTY_IMAGE, TRUE, QUIT, integer(2), integer(10),
                ctx(1, set(seq(utf8("service"), utf8("bridge-interface"), octets("00deadbeef00")))));
    }

    public static String v4WithPolicies() {
        return ctx(5, seq(trie("foo:hello", u1V4(), "foo:my.nice.unikernel", u2V4()), trie(":", rootPolicy())));
    }

    // ---- V5, state [6]: the current writer ----------------------------------------------------------------------

    /**
     * Spec §12.2: the albatross_client_gen trie in the current format (500 bytes), entries bar:hello,
     * bar:my.nice.unikernel (u2 with MAC), foo:hello, foo:my.nice.unikernel (u1), and no policies.
     */
    public static final String SPEC_DUMP_BASE64 = """
            poIB8DCCAewwggHmMFMMCWJhcjpoZWxsbzBGoAIFAAEBAAQAAQH/oAIFADEDAgECAgEKoScxJTAjDAdzZXJ2aWNl
            DBBicmlkZ2UtaW50ZXJmYWNlBAYA3q2+7wCjAwIBATBfDBViYXI6bXkubmljZS51bmlrZXJuZWwwRqACBQABAQAE
            AAEB/6ACBQAxAwIBAgIBCqEnMSUwIwwHc2VydmljZQwQYnJpZGdlLWludGVyZmFjZQQGAN6tvu8AowMCAQEwgY8M
            CWZvbzpoZWxsbzCBgaACBQABAQAEAAEB/6ACBQAxAwIBAAIBAaAnMSUwBwwFYmxvY2swGgwLc2Vjb25kYmxvY2sM
            C3NlY29uZC1kYXRhoSkxJzAJDAdzZXJ2aWNlMBoMCW90aGVyLW5ldAwNc2Vjb25kLWJyaWRnZaIOMAwMCi1sICo6
            ZGVidWejAwIBATCBmwwVZm9vOm15Lm5pY2UudW5pa2VybmVsMIGBoAIFAAEBAAQAAQH/oAIFADEDAgEAAgEBoCcx
            JTAHDAVibG9jazAaDAtzZWNvbmRibG9jawwLc2Vjb25kLWRhdGGhKTEnMAkMB3NlcnZpY2UwGgwJb3RoZXItbmV0
            DA1zZWNvbmQtYnJpZGdlog4wDAwKLWwgKjpkZWJ1Z6MDAgEBMAA=""";

    public static byte[] specDump() {
        return Base64.getMimeDecoder().decode(SPEC_DUMP_BASE64);
    }

    /** Every example by name, as bytes: seeds for the fuzz test. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("[0] V1", HandDer.bytes(old1()));
        all.put("[1] V0", HandDer.bytes(old0()));
        all.put("[2] V2", HandDer.bytes(old2()));
        all.put("[3] V3", HandDer.bytes(old3()));
        all.put("[4] V3 + policies", HandDer.bytes(old3WithPolicies()));
        all.put("[5] V4 + policies", HandDer.bytes(v4WithPolicies()));
        all.put("[6] spec §12.2", specDump());
        return all;
    }
}
