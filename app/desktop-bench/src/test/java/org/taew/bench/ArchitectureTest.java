package org.taew.bench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;
import org.taew.core.testing.EngineRule;

/**
 * The desktop's benchmarks reach DJL and ONNX Runtime only through core, and their classes form no
 * cycle (with taew-bench's, whose package they share).
 */
@AnalyzeClasses(
        packages = "org.taew.bench",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NotTaewBench.class})
class ArchitectureTest {
    @ArchTest static final ArchRule djlOnlyThroughCore = EngineRule.djlOnlyInTheEnginePackage();

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();

    /** This module's classes only (taew-bench's have their own ArchitectureTest). */
    static final class NotTaewBench implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("taew-bench");
        }
    }
}
