using System;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// Options of the sequential (always-valid) tests: the significance level and the tuning constant of the confidence
/// sequence.
/// </summary>
public sealed record SequentialOptions
{
    /// <summary>The tuning constant used when none is given: 5,000 trials (both arms together), GrowthBook's default.</summary>
    public const double DefaultTuningParameter = 5000;

    /// <summary>The default options: α = 0.05 and a tuning constant of <see cref="DefaultTuningParameter"/>.</summary>
    public static SequentialOptions Default { get; } = new();

    /// <summary>
    /// The significance level α, strictly between 0 and 1; 0.05 by default. The probability that the confidence
    /// sequence ever misses the true difference, over every look, is at most α (asymptotically).
    /// </summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// The tuning constant N* (GrowthBook's "sequential tuning parameter"): the total number of trials, both arms
    /// together, at which you expect to decide. The sequence is narrowest there; it stays valid at every other size.
    /// Fix it before the test starts and keep it: choosing it from the data voids the guarantee. Positive and finite;
    /// <see cref="DefaultTuningParameter"/> by default.
    /// </summary>
    public double TuningParameter { get; init; } = DefaultTuningParameter;

    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(builder, (nameof(Alpha), Alpha), (nameof(TuningParameter), TuningParameter));

    /// <summary>Throws when an option is out of range.</summary>
    internal void Validate(string parameterName)
    {
        Guard.OpenUnit(Alpha, parameterName, "Alpha");
        if (!(TuningParameter > 0) || double.IsInfinity(TuningParameter))
        {
            throw new ArgumentOutOfRangeException(parameterName, TuningParameter,
                Guard.Format($"The sequential tuning parameter must be positive and finite; got {TuningParameter}."));
        }
    }
}

/// <summary>
/// One look of a sequential test of a challenger's rate against a control's rate. Every value is a fraction
/// (0.004 = 0.4 percentage points), never a percentage.
/// </summary>
/// <param name="Difference">Challenger rate − control rate; null when either arm has 0 trials.</param>
/// <param name="Lower">The lower bound of the always-valid confidence sequence for the difference; null when undefined.</param>
/// <param name="Upper">The upper bound of the always-valid confidence sequence for the difference; null when undefined.</param>
/// <param name="PValue">
/// The always-valid p-value (two-sided), in [0, 1]; null when undefined. It is below α exactly when the sequence
/// excludes 0.
/// </param>
public sealed record SequentialTestResult(double? Difference, double? Lower, double? Upper, double? PValue)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(
            builder,
            (nameof(Difference), Difference),
            (nameof(Lower), Lower),
            (nameof(Upper), Upper),
            (nameof(PValue), PValue));
}

/// <summary>
/// Sequential testing of two rates that stays valid when you look every day: the asymptotic confidence sequence of
/// Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas (2023), "Time-uniform central limit theory and asymptotic
/// confidence sequences" (arXiv:2103.06476), in the form GrowthBook's stats engine documents, and its dual
/// always-valid p-value (the reciprocal of the normal-mixture e-value, Ville's inequality).
/// </summary>
/// <remarks>
/// With N = trials of both arms, d̂ the difference of the rates and σ̂² = N (p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂) the
/// variance per trial, the sequence is d̂ ± σ̂ √(2 (Nρ² + 1) / (N²ρ²) · ln(√(Nρ² + 1) / α)) with
/// ρ = √((−2 ln α + ln(−2 ln α + 1)) / N*) for the tuning constant N*. The e-value of the Gaussian mixture is
/// E = exp(ρ² N² d̂² / (2 σ̂² (Nρ² + 1))) / √(Nρ² + 1) and the p-value min(1, 1/E): the sequence excludes 0 exactly
/// when p &lt; α. The guarantee is asymptotic (it relies on the central limit theorem), so rules of minimum data still
/// apply to early looks.
/// </remarks>
public static class SequentialTest
{
    /// <summary>
    /// The mixing parameter ρ for a tuning constant N*: √((−2 ln a + ln(−2 ln a + 1)) / N*), with a = α for a
    /// two-sided sequence and 2α for a one-sided one (Waudby-Smith et al. 2023, the ρ that makes the boundary tightest
    /// near N*).
    /// </summary>
    /// <param name="alpha">The significance level, strictly between 0 and 1 (below 0.5 for one-sided).</param>
    /// <param name="tuningParameter">N*, positive and finite.</param>
    /// <param name="twoSided">True (default) for the two-sided sequence.</param>
    /// <returns>ρ, positive.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double Rho(double alpha, double tuningParameter, bool twoSided = true)
    {
        new SequentialOptions { Alpha = alpha, TuningParameter = tuningParameter }.Validate(nameof(alpha));
        double a = twoSided ? alpha : 2.0 * alpha;
        Guard.OpenUnit(a, nameof(alpha), "Alpha (doubled for a one-sided sequence)");
        double l = -2.0 * Math.Log(a);
        return Math.Sqrt((l + Math.Log(l + 1.0)) / tuningParameter);
    }

    /// <summary>
    /// The half-width of the two-sided confidence sequence: σ √(2 (Nρ² + 1) / (N²ρ²) · ln(√(Nρ² + 1) / α)).
    /// </summary>
    /// <param name="variancePerTrial">σ², the variance of one observation (for a difference: N × the variance of the estimate); zero or more.</param>
    /// <param name="trials">N, the number of observations so far; positive.</param>
    /// <param name="alpha">α, strictly between 0 and 1.</param>
    /// <param name="rho">ρ from <see cref="Rho"/>; positive.</param>
    /// <returns>The half-width, in the unit of the estimate.</returns>
    public static double HalfWidth(double variancePerTrial, double trials, double alpha, double rho)
    {
        double r2n = trials * rho * rho;
        return Math.Sqrt(variancePerTrial) * Math.Sqrt(2.0 * (r2n + 1.0) / (trials * r2n) * Math.Log(Math.Sqrt(r2n + 1.0) / alpha));
    }

    /// <summary>
    /// Tests the rate of <paramref name="challenger"/> against the rate of <paramref name="control"/> at one look: the
    /// always-valid confidence sequence for the difference and the always-valid two-sided p-value.
    /// </summary>
    /// <param name="challenger">The variation's cumulative successes and trials.</param>
    /// <param name="control">The control's cumulative successes and trials.</param>
    /// <param name="options">α and the tuning constant; <see cref="SequentialOptions.Default"/> when null.</param>
    /// <returns>
    /// The look. Either arm with 0 trials: every value null. Both rates at 0 or both at 1 (no variance): the
    /// difference, and null bounds and p-value; never NaN.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SequentialTestResult Difference(Proportion challenger, Proportion control, SequentialOptions? options = null)
    {
        options ??= SequentialOptions.Default;
        options.Validate(nameof(options));
        if (!TryMoments(challenger, control, out double d, out double n, out double s2))
        {
            return new SequentialTestResult(null, null, null, null);
        }

        if (!(s2 > 0))
        {
            return new SequentialTestResult(d, null, null, null);
        }

        double rho = Rho(options.Alpha, options.TuningParameter);
        double half = HalfWidth(s2, n, options.Alpha, rho);
        double p = Math.Min(1.0, Math.Exp(-LogEValue(d, n, s2, rho)));
        return new SequentialTestResult(d, d - half, d + half, p);
    }

    /// <summary>
    /// The always-valid one-sided p-value that the challenger's rate is larger (<see cref="Alternative.Larger"/>) or
    /// smaller (<see cref="Alternative.Smaller"/>) than the control's: the reciprocal of the one-sided (half-normal)
    /// Gaussian mixture e-value 2 E Φ(ρ N d / (σ √(Nρ² + 1))), with ρ from <see cref="Rho"/> at 2α, as for
    /// GrowthBook's one-sided sequences. Used for guardrails ("did it get worse?").
    /// </summary>
    /// <param name="challenger">The variation's cumulative successes and trials.</param>
    /// <param name="control">The control's cumulative successes and trials.</param>
    /// <param name="alternative"><see cref="Alternative.Larger"/> or <see cref="Alternative.Smaller"/>.</param>
    /// <param name="options">α and the tuning constant; <see cref="SequentialOptions.Default"/> when null.</param>
    /// <returns>The p-value in [0, 1]; null when either arm has 0 trials or there is no variance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, α is 0.5 or more, or the alternative is two-sided or undefined.</exception>
    public static double? OneSidedPValue(Proportion challenger, Proportion control, Alternative alternative, SequentialOptions? options = null)
    {
        options ??= SequentialOptions.Default;
        options.Validate(nameof(options));
        Guard.Alternative(alternative, nameof(alternative));
        if (alternative == Alternative.TwoSided)
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "A one-sided p-value needs Larger or Smaller.");
        }

        if (!TryMoments(challenger, control, out double d, out double n, out double s2) || !(s2 > 0))
        {
            return null;
        }

        double rho = Rho(options.Alpha, options.TuningParameter, twoSided: false);
        double signed = alternative == Alternative.Larger ? d : -d;
        double r2n = n * rho * rho;
        double tail = NormalDistribution.Cdf(rho * n * signed / Math.Sqrt(s2 * (r2n + 1.0)));
        if (!(tail > 0))
        {
            return 1.0;
        }

        double logE = Math.Log(2.0) + LogEValue(d, n, s2, rho) + Math.Log(tail);
        return Math.Min(1.0, Math.Exp(-logE));
    }

    /// <summary>ln E of the two-sided Gaussian mixture: ρ² N² d² / (2 σ² (Nρ² + 1)) − ½ ln(Nρ² + 1).</summary>
    private static double LogEValue(double d, double n, double s2, double rho)
    {
        double r2n = n * rho * rho;
        return (rho * rho * n * n * d * d / (2.0 * s2 * (r2n + 1.0))) - (0.5 * Math.Log(r2n + 1.0));
    }

    /// <summary>The difference, total trials and variance per trial (unpooled); false when an arm has no trials.</summary>
    internal static bool TryMoments(Proportion challenger, Proportion control, out double difference, out double trials, out double variancePerTrial)
    {
        if (challenger.Trials == 0 || control.Trials == 0)
        {
            difference = trials = variancePerTrial = 0;
            return false;
        }

        double n1 = challenger.Trials;
        double n2 = control.Trials;
        double p1 = challenger.Successes / n1;
        double p2 = control.Successes / n2;
        difference = p1 - p2;
        trials = n1 + n2;
        variancePerTrial = trials * ((p1 * (1.0 - p1) / n1) + (p2 * (1.0 - p2) / n2));
        return true;
    }
}
