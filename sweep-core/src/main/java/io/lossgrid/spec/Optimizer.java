package io.lossgrid.spec;

import java.io.Serializable;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One value of the optimizer axis: a DL4J updater with its own hyperparameters, the learning rate
 * left to the learning-rate axis. Each variant validates its hyperparameters when constructed.
 */
public sealed interface Optimizer extends Serializable {

    /** The lower-case name used in specs and in the {@code optimizer} column. */
    String name();

    /** The hyperparameters other than the learning rate, in a fixed order. */
    Map<Hyper, Double> hyperparameters();

    /** The DL4J updater configuration at {@code learningRate}. */
    IUpdater updater(double learningRate);

    /** The invariance the update rule has on paper; the analysis measures how well it holds. */
    Invariance invariance();

    /** False for an updater without a learning rate (AdaDelta): the learning-rate axis leaves it unchanged. */
    default boolean usesLearningRate() {
        return true;
    }

    /** Name and hyperparameters, e.g. {@code adam(beta1=0.9, beta2=0.999, epsilon=1e-08)}. */
    default String describe() {
        StringBuilder sb = new StringBuilder(name());
        if (!hyperparameters().isEmpty()) {
            sb.append('(');
            String sep = "";
            for (Map.Entry<Hyper, Double> e : hyperparameters().entrySet()) {
                sb.append(sep).append(e.getKey().key()).append('=').append(e.getValue());
                sep = ", ";
            }
            sb.append(')');
        }
        return sb.toString();
    }

    record Sgd() implements Optimizer {
        public String name() {
            return "sgd";
        }

        public Map<Hyper, Double> hyperparameters() {
            return Map.of();
        }

        public IUpdater updater(double lr) {
            return new org.nd4j.linalg.learning.config.Sgd(lr);
        }

        public Invariance invariance() {
            return Invariance.EFFECTIVE_LR;
        }
    }

    record Nesterovs(double momentum) implements Optimizer {
        public Nesterovs {
            Hyper.MOMENTUM.check(momentum);
        }

        public String name() {
            return "nesterovs";
        }

        public Map<Hyper, Double> hyperparameters() {
            return Hyper.of(Hyper.MOMENTUM, momentum);
        }

        public IUpdater updater(double lr) {
            return new org.nd4j.linalg.learning.config.Nesterovs(lr, momentum);
        }

        public Invariance invariance() {
            return Invariance.EFFECTIVE_LR;
        }
    }

    /**
     * The optimizers that keep decaying first- and second-moment estimates of the gradient (Adam and its
     * relatives): one record, the update rule named by {@code rule}.
     */
    record Moments(Rule rule, double beta1, double beta2, double epsilon) implements Optimizer {
        /** An update rule of the Adam family, with the DL4J updater that implements it. */
        public enum Rule {
            ADAM("adam") {
                IUpdater updater(double lr, double b1, double b2, double eps) {
                    return new org.nd4j.linalg.learning.config.Adam(lr, b1, b2, eps);
                }
            },
            ADAMAX("adamax") {
                IUpdater updater(double lr, double b1, double b2, double eps) {
                    return new org.nd4j.linalg.learning.config.AdaMax(lr, b1, b2, eps);
                }
            },
            NADAM("nadam") {
                IUpdater updater(double lr, double b1, double b2, double eps) {
                    return new org.nd4j.linalg.learning.config.Nadam(lr, b1, b2, eps);
                }
            },
            AMSGRAD("amsgrad") {
                IUpdater updater(double lr, double b1, double b2, double eps) {
                    return new org.nd4j.linalg.learning.config.AMSGrad(lr, b1, b2, eps);
                }
            },
            ADABELIEF("adabelief") {
                IUpdater updater(double lr, double b1, double b2, double eps) {
                    return new org.nd4j.linalg.learning.config.AdaBelief(lr, b1, b2, eps);
                }
            };

            private final String key;

            Rule(String key) {
                this.key = key;
            }

            abstract IUpdater updater(double lr, double beta1, double beta2, double epsilon);
        }

        public Moments {
            java.util.Objects.requireNonNull(rule, "rule");
            Hyper.BETA1.check(beta1);
            Hyper.BETA2.check(beta2);
            Hyper.EPSILON.check(epsilon);
        }

        public String name() {
            return rule.key;
        }

        public Map<Hyper, Double> hyperparameters() {
            return Hyper.of(Hyper.BETA1, beta1, Hyper.BETA2, beta2, Hyper.EPSILON, epsilon);
        }

        public IUpdater updater(double lr) {
            return rule.updater(lr, beta1, beta2, epsilon);
        }

        public Invariance invariance() {
            return Invariance.ALPHA;
        }
    }

    record AdaGrad(double epsilon) implements Optimizer {
        public AdaGrad {
            Hyper.EPSILON.check(epsilon);
        }

        public String name() {
            return "adagrad";
        }

        public Map<Hyper, Double> hyperparameters() {
            return Hyper.of(Hyper.EPSILON, epsilon);
        }

        public IUpdater updater(double lr) {
            return new org.nd4j.linalg.learning.config.AdaGrad(lr, epsilon);
        }

        public Invariance invariance() {
            return Invariance.ALPHA;
        }
    }

    record AdaDelta(double rho, double epsilon) implements Optimizer {
        public AdaDelta {
            Hyper.RHO.check(rho);
            Hyper.EPSILON.check(epsilon);
        }

        public String name() {
            return "adadelta";
        }

        public Map<Hyper, Double> hyperparameters() {
            return Hyper.of(Hyper.RHO, rho, Hyper.EPSILON, epsilon);
        }

        /** DL4J's AdaDelta has no learning rate: {@code learningRate} is recorded but not used. */
        public IUpdater updater(double lr) {
            return new org.nd4j.linalg.learning.config.AdaDelta(rho, epsilon);
        }

        public Invariance invariance() {
            return Invariance.ALPHA;
        }

        @Override
        public boolean usesLearningRate() {
            return false;
        }
    }

    record RmsProp(double rmsDecay, double epsilon) implements Optimizer {
        public RmsProp {
            Hyper.RMS_DECAY.check(rmsDecay);
            Hyper.EPSILON.check(epsilon);
        }

        public String name() {
            return "rmsprop";
        }

        public Map<Hyper, Double> hyperparameters() {
            return Hyper.of(Hyper.RMS_DECAY, rmsDecay, Hyper.EPSILON, epsilon);
        }

        public IUpdater updater(double lr) {
            return new org.nd4j.linalg.learning.config.RmsProp(lr, rmsDecay, epsilon);
        }

        public Invariance invariance() {
            return Invariance.ALPHA;
        }
    }
}
