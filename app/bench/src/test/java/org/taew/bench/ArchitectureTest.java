package org.taew.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;
import org.taew.core.testing.EngineRule;

/**
 * Benchmarks stand on their own: no front end (the desktop's benchmarks live in app/desktop-bench),
 * DJL and ONNX Runtime only through core, and no cycles between classes.
 */
@AnalyzeClasses(packages = "org.taew.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noFrontEnd =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.taew.desktop..", "org.taew.cli..", "javafx..");

    @ArchTest static final ArchRule djlOnlyThroughCore = EngineRule.djlOnlyInTheEnginePackage();

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();
}
