package org.taew.report;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.taew.core.testing.ClassCycles;
import org.taew.core.testing.EngineRule;

/** The reports reach no engine, and no two of their classes depend on each other. */
@AnalyzeClasses(packages = "org.taew.report", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest static final ArchRule djlOnlyThroughCore = EngineRule.djlOnlyInTheEnginePackage();

    /** Each top-level class a slice: no two files depend on each other, however indirectly. */
    @ArchTest static final ArchRule noClassCycles = ClassCycles.rule();
}
