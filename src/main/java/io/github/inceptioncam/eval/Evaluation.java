package io.github.inceptioncam.eval;

import io.github.inceptioncam.cam.BoxMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Accumulates classification and localisation scores over annotated images: accuracy, confusion
 * matrix, pointing game (CAM maximum inside the box) and the fraction of CAM boxes with IoU >= 0.5.
 */
public final class Evaluation {
	private final List<String> labels;
	private final long[][] confusion;
	private int n;
	private int correct;
	private int boxes;
	private int pointingHits;
	private int iouHits;
	private double iouSum;

	public Evaluation(List<String> labels) {
		this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
		this.confusion = new long[labels.size()][labels.size()];
	}

	/** Records one image's predicted class against its true class. */
	public void addClassification(int truth, int predicted) {
		n++;
		if (truth == predicted) correct++;
		confusion[truth][predicted]++;
	}

	/**
	 * Records the localisation of one annotated box.
	 *
	 * @param map the upsampled CAM of the true class, row-major
	 * @param camBox the CAM's box (or null when the map has no positive value)
	 */
	public void addLocalisation(double[] map, int width, int[] camBox, int[] truthBox) {
		boxes++;
		if (BoxMetrics.pointingHit(map, width, truthBox)) pointingHits++;
		double iou = BoxMetrics.iou(camBox, truthBox);
		iouSum += iou;
		if (iou >= 0.5) iouHits++;
	}

	/** Records an annotated box for which no CAM could be made: a miss on both scores. */
	public void addMissedLocalisation() {
		boxes++;
	}

	public List<String> labels() {
		return labels;
	}

	public int n() {
		return n;
	}

	public int boxes() {
		return boxes;
	}

	public double accuracy() {
		return n == 0 ? Double.NaN : (double) correct / n;
	}

	public double pointingGame() {
		return boxes == 0 ? Double.NaN : (double) pointingHits / boxes;
	}

	public double boxIou50() {
		return boxes == 0 ? Double.NaN : (double) iouHits / boxes;
	}

	public double meanIou() {
		return boxes == 0 ? Double.NaN : iouSum / boxes;
	}

	/** Rows: true class; columns: predicted class. */
	public long[][] confusion() {
		long[][] c = new long[confusion.length][];
		for (int i = 0; i < c.length; i++) c[i] = confusion[i].clone();
		return c;
	}
}
