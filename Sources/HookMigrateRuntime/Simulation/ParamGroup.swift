/// One parameter group of a simulated optimizer: the values schedulers read and write.
///
/// `lr` always exists; SGD-like optimizers have `momentum`, Adam-like ones `betas` (beta1 is what momentum
/// schedulers drive). `initialLr`/`initialMomentum` are the base values captured once (MMCV
/// `setdefault('initial_lr', …)`, MMEngine likewise), `nil` until captured.
public struct ParamGroup: Sendable, Hashable {
    /// The learning rate.
    public var lr: Double
    /// SGD-style momentum, when the optimizer has one.
    public var momentum: Double?
    /// Adam-style betas, when the optimizer has them.
    public var betas: (Double, Double)?
    /// The captured base learning rate.
    public var initialLr: Double?
    /// The captured base momentum (or beta1).
    public var initialMomentum: Double?

    /// Creates a group.
    public init(lr: Double, momentum: Double? = nil, betas: (Double, Double)? = nil) {
        self.lr = lr
        self.momentum = momentum
        self.betas = betas
    }

    /// The momentum schedulers drive: `momentum`, else `betas.0`.
    public var effectiveMomentum: Double? {
        get { momentum ?? betas?.0 }
        set {
            guard let newValue else { return }
            if momentum != nil { momentum = newValue } else if let betas { self.betas = (newValue, betas.1) }
        }
    }

    public static func == (lhs: ParamGroup, rhs: ParamGroup) -> Bool {
        lhs.lr == rhs.lr && lhs.momentum == rhs.momentum && lhs.betas?.0 == rhs.betas?.0 && lhs.betas?.1 == rhs.betas?.1
            && lhs.initialLr == rhs.initialLr && lhs.initialMomentum == rhs.initialMomentum
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lr)
        hasher.combine(momentum)
        hasher.combine(betas?.0)
        hasher.combine(betas?.1)
        hasher.combine(initialLr)
        hasher.combine(initialMomentum)
    }
}
