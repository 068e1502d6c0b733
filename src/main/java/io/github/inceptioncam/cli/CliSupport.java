package io.github.inceptioncam.cli;

import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.model.InceptionModel;

/** Checks shared by the commands. */
final class CliSupport {
	private CliSupport() {}

	/** Fails early (usage error) on a --class that cannot name a class of the model. */
	static void checkClassSpec(InceptionModel model, String spec) {
		if (spec == null || spec.equalsIgnoreCase("auto")) return;
		int classes = model.head().hasCam() ? model.head().head().classes() : -1;
		if (classes > 0) {
			CamSession.resolveClass(spec, 0, classes, model.metadata());
		} else if (model.metadata().indexOf(spec) < 0) {
			try {
				if (Integer.parseInt(spec) < 0) throw new IllegalArgumentException("class index must not be negative: " + spec);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("class '" + spec + "' is neither auto, an index nor a label of the model");
			}
		}
	}
}
