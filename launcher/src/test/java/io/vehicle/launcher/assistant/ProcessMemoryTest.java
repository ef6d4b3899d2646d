package io.vehicle.launcher.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 9876543 kB
            VmHWM:\t  412000 kB
            VmRSS:\t  398765 kB
            RssAnon:\t  300000 kB
            """;

    @Test
    void readsResidentSetAndItsPeakFromProcStatus() {
        assertThat(ProcessMemory.statusKib(STATUS, "VmRSS")).isEqualTo(398765);
        assertThat(ProcessMemory.statusKib(STATUS, "VmHWM")).isEqualTo(412000);
        assertThat(ProcessMemory.statusKib(STATUS, "RssAnon")).isEqualTo(300000);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> ProcessMemory.statusKib(STATUS, "VmSwap"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmSwap");
    }

    @Test
    void readsHeapUsedAndCommittedFromJcmdHeapInfo() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 123456K [0x0000000680000000, 0x0000000800000000)
                  region size 4096K, 10 young (40960K), 2 survivors (8192K)
                 Metaspace       used 50000K, committed 51000K, reserved 1114112K
                """;
        assertThat(ProcessMemory.heap(g1)).containsExactly(123456L, 262144L);
    }

    @Test
    void outputWithoutHeapTotalsIsAnError() {
        assertThatThrownBy(() -> ProcessMemory.heap("12345:\nCommand executed successfully\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no heap totals");
    }

    @Test
    void describesInMebibytesWithTheMappedFilesApart() {
        assertThat(new ProcessMemory(400 * 1024, 420 * 1024, 300 * 1024, 20 * 1024, 80 * 1024).describe())
                .isEqualTo("RSS 400 MiB (peak 420 MiB; anonymous 300 MiB, mapped files 100 MiB), heap used 20 MiB"
                        + " of 80 MiB committed");
    }

    @Test
    void readsThisJvmForReal() throws Exception {
        ProcessMemory self = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(self.rssKib()).isPositive();
        assertThat(self.peakRssKib()).isGreaterThanOrEqualTo(self.rssKib());
        assertThat(self.anonymousKib()).isPositive().isLessThanOrEqualTo(self.rssKib());
        assertThat(self.heapUsedKib()).isPositive().isLessThanOrEqualTo(self.heapCommittedKib());
    }
}
