package io.github.inceptioncam.inference;

/** One ranked class: index, label, probability and logit (NaN when the model gives probabilities only). */
public final class Prediction {
	private final int index;
	private final String label;
	private final double probability;
	private final double logit;

	Prediction(int index, String label, double probability, double logit) {
		this.index = index;
		this.label = label;
		this.probability = probability;
		this.logit = logit;
	}

	public int index() {
		return index;
	}

	public String label() {
		return label;
	}

	public double probability() {
		return probability;
	}

	/** The pre-softmax score, or NaN when the model exposes none. */
	public double logit() {
		return logit;
	}
}
