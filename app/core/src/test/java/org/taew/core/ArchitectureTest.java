package org.taew.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;
import org.taew.core.testing.EngineRule;

/**
 * The core stays a library: no UI toolkit, no CLI framework, DJL only inside the engine package,
 * and no package cycles.
 */
@AnalyzeClasses(packages = "org.taew.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noUiToolkitsOrCliFramework =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "javafx..", "java.awt..", "javax.swing..", "org.jfree..", "picocli..");

    @ArchTest
    static final ArchRule djlOnlyInTheEnginePackage = EngineRule.djlOnlyInTheEnginePackage();

    @ArchTest
    static final ArchRule modelDependsOnNothingElseOfOurs =
            noClasses()
                    .that()
                    .resideInAPackage("org.taew.core.model..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.taew.core.logic..", "org.taew.core.util..");

    /** Each package a slice: no two packages depend on each other, however indirectly. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("org.taew.(**)").should().beFreeOfCycles();

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();
}
