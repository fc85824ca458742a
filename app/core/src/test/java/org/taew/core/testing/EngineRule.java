package org.taew.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * DJL and ONNX Runtime only inside core's engine package: the rule core, the command line and the
 * benchmarks each check on their own classes.
 */
public final class EngineRule {
    private EngineRule() {}

    /** No class outside {@code org.taew.core.logic.engine} depends on DJL or ONNX Runtime. */
    public static ArchRule djlOnlyInTheEnginePackage() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("org.taew.core.logic.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "ai.onnxruntime..");
    }
}
