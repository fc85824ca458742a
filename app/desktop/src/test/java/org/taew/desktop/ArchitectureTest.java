package org.taew.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;

/** MVVM as ../shared/ARCHITECTURE.md describes it: view models never touch controls; no cycles. */
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

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();
}
