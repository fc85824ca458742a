package org.taew.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;
import org.taew.core.testing.EngineRule;

/**
 * MVVM as ../shared/ARCHITECTURE.md describes it: view models never touch controls; DJL only
 * through core; no cycles between packages or classes.
 */
@AnalyzeClasses(packages = "org.taew.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph =
            noClasses()
                    .that()
                    .haveSimpleNameEndingWith("ViewModel")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("javafx.scene..", "org.jfree..");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("org.taew.(**)").should().beFreeOfCycles();

    /** DJL and ONNX Runtime only through core's engine package. */
    @ArchTest static final ArchRule djlOnlyThroughCore = EngineRule.djlOnlyInTheEnginePackage();

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();
}
