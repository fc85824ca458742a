package org.taew.core.logic.engine;

import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

/** Opens the bundled models for tests, extracted once into the shared test home. */
final class BundledModels {
    private BundledModels() {}

    static ModelSpec spec(String name) throws WorkbenchException {
        return new ModelCatalog(WorkbenchHome.models()).resolve(name);
    }

    static Encoder open(String name) throws WorkbenchException {
        return Engines.openEncoder(spec(name), EncoderOptions.DEFAULT);
    }
}
