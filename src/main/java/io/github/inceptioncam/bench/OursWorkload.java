package io.github.inceptioncam.bench;

import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.ImageInput;
import java.util.List;

/** Our engine on one batch: {@link CamSession#classify} with the CAM, keeping its own time split. */
final class OursWorkload implements Workload {
	private final CamSession session;
	private final List<ImageInput> images;
	private final ClassifyOptions opts;
	double preMs, inferMs, camMs;
	long images_;
	long camsMissing;
	String lastCamError;

	/** @param classSpec the classes to make maps of, as {@code classify --class} takes them */
	OursWorkload(CamSession session, List<ImageInput> images, String classSpec) {
		this.session = session;
		this.images = images;
		this.opts = new ClassifyOptions().top(5).classSpec(classSpec);
	}

	@Override
	public int run() throws Exception {
		List<Classification> out = session.classify(images, opts);
		for (Classification c : out) {
			preMs += c.preprocessMs();
			inferMs += c.inferenceMs();
			camMs += c.camMs();
			if (c.cam() == null) {
				camsMissing++;
				lastCamError = c.camError();
			}
		}
		images_ += out.size();
		return out.size();
	}

	@Override
	public void startMeasuring() {
		preMs = inferMs = camMs = 0;
		images_ = camsMissing = 0;
	}
}
