package org.taew.core.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The rule "no two classes depend on each other, however indirectly": every top-level class of ours
 * is its own slice (nested classes count as their outer class), so a loop between two files fails
 * even when both lie in one package, which the package rule cannot see.
 */
public final class ClassCycles {
    private ClassCycles() {}

    /** No cycle between the top-level classes under {@code org.taew}. */
    public static ArchRule rule() {
        return slices().assignedFrom(new TopLevelClasses()).should().beFreeOfCycles();
    }

    private static final class TopLevelClasses implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            JavaClass top = javaClass;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return top.getPackageName().startsWith("org.taew")
                    ? SliceIdentifier.of(top.getName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "top-level classes of org.taew";
        }
    }
}
