package dev.albatross.stats.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.VmmStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KVM's debugfs layout, laid out in a temporary directory (debugfs is root-only and rarely mounted in CI). */
class KvmDebugfsTest {
    @TempDir
    Path root;

    @Test
    void readsPerVmCountersSortedByName() throws IOException {
        Path vm = Files.createDirectories(root.resolve("4242-11"));
        Files.writeString(vm.resolve("remote_tlb_flush"), "17\n");
        Files.writeString(vm.resolve("mmu_shadow_zapped"), "18446744073709551615\n");
        Files.createDirectories(vm.resolve("vcpu0"));
        Files.writeString(vm.resolve("vcpu0").resolve("exits"), "99\n");
        Files.writeString(root.resolve("exits"), "1234\n"); // host-wide counter, not a VM

        KvmDebugfs kvm = new KvmDebugfs(root);
        Map<Integer, Path> vms = kvm.vms();
        assertEquals(Map.of(4242, vm), vms);
        assertEquals(Optional.of(List.of(new VmmStat("mmu_shadow_zapped", -1), new VmmStat("remote_tlb_flush", 17))),
                kvm.read(vm));
    }

    @Test
    void takesTheLowestDescriptorOfAProcessWithSeveralVms() throws IOException {
        Files.createDirectories(root.resolve("7-20"));
        Path first = Files.createDirectories(root.resolve("7-9"));
        assertEquals(Map.of(7, first), new KvmDebugfs(root).vms());
    }

    @Test
    void isEmptyWithoutDebugfs() {
        KvmDebugfs kvm = new KvmDebugfs(root.resolve("absent"));
        assertTrue(kvm.vms().isEmpty());
        assertEquals(Optional.empty(), kvm.read(root.resolve("absent").resolve("1-2")));
    }
}
