package io.github.inceptioncam.cli;

import io.github.inceptioncam.inference.ClassSelection;
import io.github.inceptioncam.model.InceptionModel;

/** Checks shared by the commands. */
final class CliSupport {
	private CliSupport() {}

	/** Fails early (usage error) on a --class that cannot name a class of the model. */
	static void checkClassSpec(InceptionModel model, String spec) {
		if (spec == null || spec.equalsIgnoreCase("auto")) return;
		int classes = model.head().hasCam() ? model.head().head().classes() : -1;
		if (classes > 0) {
			ClassSelection.check(spec, classes, model.metadata());
		} else if (model.metadata().indexOf(spec) < 0) {
			// the class count is known only once the model ran: check the form of each part
			for (String part : spec.split(",")) {
				String p = part.trim();
				if (p.isEmpty() || p.equalsIgnoreCase("auto") || p.equalsIgnoreCase("all") || p.matches("(?i)top-?\\d+")
					|| model.metadata().indexOf(p) >= 0) continue;
				try {
					if (Integer.parseInt(p) < 0) throw new IllegalArgumentException("class index must not be negative: " + p);
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("class '" + p + "' is neither auto, all, topK, an index nor a label of the model");
				}
			}
		}
	}
}
