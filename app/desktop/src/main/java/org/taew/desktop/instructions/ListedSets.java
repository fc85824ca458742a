package org.taew.desktop.instructions;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionSet;

/**
 * The sets the editor lists and the one it opens: the folder's instruction files, with a chosen set
 * that is not among them added (a model's prompts or an empty set first, a file named by the user
 * outside the folder last).
 */
record ListedSets(List<InstructionSet> all, InstructionSet pick) {
    static ListedSets of(InstructionLibrary library, InstructionSet chosen) {
        List<InstructionSet> all = new ArrayList<>(library.sets());
        InstructionSet pick = chosen;
        if (chosen != null && chosen.isFile()) {
            pick =
                    all.stream()
                            .filter(x -> x.source().equals(chosen.source()))
                            .findFirst()
                            .orElse(null);
            if (pick == null) {
                all.add(chosen); // a file named by the user, outside the folder
                pick = chosen;
            }
        } else if (chosen != null) {
            all.add(0, chosen);
        }
        return new ListedSets(all, pick);
    }
}
