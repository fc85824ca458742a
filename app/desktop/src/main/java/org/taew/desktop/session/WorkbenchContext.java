package org.taew.desktop.session;

import java.nio.file.Path;
import org.taew.core.util.Workspace;

/**
 * Where the workbench reads and writes: the workspace (instructions/ and datasets/) and the home
 * (extracted models, embedding cache, autosaves when the instructions folder is read-only).
 */
public record WorkbenchContext(Workspace workspace, Path home) {}
