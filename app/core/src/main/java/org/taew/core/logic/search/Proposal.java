package org.taew.core.logic.search;

import org.taew.core.model.InstructionPair;

/**
 * A wording one of the generators proposes, before {@link WordingCandidates} removes repeats and
 * makes the names unique.
 *
 * @param name a readable name, maybe not unique yet
 * @param instructions the templates of both sides
 * @param origin where it comes from, in one short phrase
 */
record Proposal(String name, InstructionPair instructions, String origin) {}
