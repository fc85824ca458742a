package org.taew.core.model;

/** One task of an instruction set: its name, a description for people, and its templates. */
public record TaskInstructions(String name, String description, InstructionPair instructions) {}
