package org.taew.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.encoding.Precision;

class DeviceChoiceTest {
    @Test
    void eachPrecisionAFolderHasIsOfferedOnTheCpuAsADraft() {
        assertThat(DeviceChoice.available(0, List.of(Precision.FP32, Precision.INT8, Precision.Q4)))
                .containsExactly(DeviceChoice.CPU, DeviceChoice.CPU_INT8, DeviceChoice.CPU_Q4);
        assertThat(DeviceChoice.available(0, List.of(Precision.Q4)))
                .containsExactly(DeviceChoice.CPU, DeviceChoice.CPU_Q4);
        assertThat(DeviceChoice.available(1, List.of(Precision.FP32)))
                .containsExactly(DeviceChoice.CPU, DeviceChoice.GPU, DeviceChoice.GPU_HALF);
        assertThat(DeviceChoice.CPU_Q4.precision().draft()).isTrue();
        assertThat(DeviceChoice.CPU_Q4).hasToString("CPU, q4 draft");
        assertThat(DeviceChoice.cpu(Precision.Q4)).isEqualTo(DeviceChoice.CPU_Q4);
        assertThat(DeviceChoice.cpu(Precision.INT8)).isEqualTo(DeviceChoice.CPU_INT8);
        assertThat(DeviceChoice.cpu(Precision.FP32)).isEqualTo(DeviceChoice.CPU);
    }
}
