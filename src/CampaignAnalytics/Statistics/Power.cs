using System;
using MathNet.Numerics.RootFinding;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// How long a test must run at the observed volume: for a relative lift of the control's rate, the trials per arm and
/// the days it needs, for a fixed-horizon test and for the sequential test. Days are whole days from the first day.
/// </summary>
/// <param name="ControlRate">The control's rate the plan starts from, a fraction strictly between 0 and 1.</param>
/// <param name="Lift">The relative lift to detect (0.05 = the rate grows by 5 %), positive.</param>
/// <param name="DailyTrialsPerArm">The observed trials per arm per day (the smallest arm's average), positive.</param>
/// <param name="TrialsPerArm">The trials per arm so far (the smallest arm's), zero or more.</param>
/// <param name="FixedTrialsPerArm">Trials per arm a fixed-horizon two-sided z-test needs (<see cref="SampleSize.TwoProportions"/>).</param>
/// <param name="SequentialTrialsPerArm">Trials per arm the sequential test needs (<see cref="Power.SequentialTrialsPerArm"/>); null when no size reaches the power.</param>
/// <param name="FixedDays">Whole days until the fixed-horizon test has its trials, from the first day.</param>
/// <param name="SequentialDays">Whole days until the sequential test has its trials, from the first day; null with <paramref name="SequentialTrialsPerArm"/>.</param>
/// <param name="FixedMoreDays">Whole days still needed at this volume for the fixed-horizon test, zero or more.</param>
/// <param name="SequentialMoreDays">Whole days still needed at this volume for the sequential test; null with <paramref name="SequentialTrialsPerArm"/>.</param>
/// <param name="FixedMinimumDetectableLift">The smallest relative lift the fixed-horizon test detects with the trials so far; null when none below a rate of 1.</param>
/// <param name="SequentialMinimumDetectableLift">The smallest relative lift the sequential test detects with the trials so far; null when none.</param>
public sealed record PowerPlan(
    double ControlRate,
    double Lift,
    double DailyTrialsPerArm,
    double TrialsPerArm,
    double FixedTrialsPerArm,
    double? SequentialTrialsPerArm,
    long FixedDays,
    long? SequentialDays,
    long FixedMoreDays,
    long? SequentialMoreDays,
    double? FixedMinimumDetectableLift,
    double? SequentialMinimumDetectableLift)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(
            builder,
            (nameof(ControlRate), ControlRate),
            (nameof(Lift), Lift),
            (nameof(DailyTrialsPerArm), DailyTrialsPerArm),
            (nameof(TrialsPerArm), TrialsPerArm),
            (nameof(FixedTrialsPerArm), FixedTrialsPerArm),
            (nameof(SequentialTrialsPerArm), SequentialTrialsPerArm),
            (nameof(FixedDays), FixedDays),
            (nameof(SequentialDays), SequentialDays),
            (nameof(FixedMoreDays), FixedMoreDays),
            (nameof(SequentialMoreDays), SequentialMoreDays),
            (nameof(FixedMinimumDetectableLift), FixedMinimumDetectableLift),
            (nameof(SequentialMinimumDetectableLift), SequentialMinimumDetectableLift));
}

/// <summary>
/// Power of the sequential test and plans at an observed volume. The fixed-horizon figures use
/// <see cref="SampleSize.TwoProportions"/>; the sequential ones substitute the confidence sequence's half-width for the
/// fixed critical value, as GrowthBook's power documentation does (a single look at that size, so a lower bound of the
/// power of looking every day).
/// </summary>
public static class Power
{
    /// <summary>The largest number of trials per arm a plan considers (beyond it a lift counts as undetectable).</summary>
    private const double MaximumTrials = 1e15;

    /// <summary>
    /// The power of the two-sided sequential test with <paramref name="trialsPerArm"/> in each of two arms:
    /// Φ(|Δ|/σ − c) + Φ(−|Δ|/σ − c), with σ² = (p₁(1 − p₁) + p₂(1 − p₂)) / n the variance of the difference and
    /// c σ the half-width of the confidence sequence at N = 2n (<see cref="SequentialTest.HalfWidth"/>).
    /// </summary>
    /// <param name="baselineRate">The control's rate, strictly between 0 and 1.</param>
    /// <param name="targetRate">The variation's rate to detect, strictly between 0 and 1.</param>
    /// <param name="trialsPerArm">Trials in each arm, positive.</param>
    /// <param name="options">α and the tuning constant; <see cref="SequentialOptions.Default"/> when null.</param>
    /// <returns>The probability of a conclusive look at that size, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double Sequential(double baselineRate, double targetRate, double trialsPerArm, SequentialOptions? options = null)
    {
        options ??= SequentialOptions.Default;
        options.Validate(nameof(options));
        Guard.OpenUnit(baselineRate, nameof(baselineRate), "The baseline rate");
        Guard.OpenUnit(targetRate, nameof(targetRate), "The target rate");
        if (!(trialsPerArm > 0) || double.IsInfinity(trialsPerArm))
        {
            throw new ArgumentOutOfRangeException(nameof(trialsPerArm), trialsPerArm,
                Guard.Format($"Trials per arm must be positive and finite; got {trialsPerArm}."));
        }

        return SequentialCore(baselineRate, targetRate, trialsPerArm, options.Alpha, SequentialTest.Rho(options.Alpha, options.TuningParameter));
    }

    /// <summary>
    /// Trials per arm for the sequential test to reach <paramref name="power"/> against a change from
    /// <paramref name="baselineRate"/> to <paramref name="targetRate"/> (the root of <see cref="Sequential"/>).
    /// </summary>
    /// <param name="baselineRate">The control's rate, strictly between 0 and 1.</param>
    /// <param name="targetRate">The variation's rate to detect, strictly between 0 and 1, different from the baseline.</param>
    /// <param name="power">The power, strictly between α and 1; 0.8 by default.</param>
    /// <param name="options">α and the tuning constant; <see cref="SequentialOptions.Default"/> when null.</param>
    /// <returns>The unrounded trials per arm; null when not even 10^15 trials reach the power.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the rates are equal.</exception>
    public static double? SequentialTrialsPerArm(double baselineRate, double targetRate, double power = 0.8, SequentialOptions? options = null)
    {
        options ??= SequentialOptions.Default;
        options.Validate(nameof(options));
        SampleSize.Validate(baselineRate, targetRate, options.Alpha, power);
        double rho = SequentialTest.Rho(options.Alpha, options.TuningParameter);
        double Excess(double logTrials) => SequentialCore(baselineRate, targetRate, Math.Exp(logTrials), options.Alpha, rho) - power;

        // Below one trial per arm nothing is detected; the power grows with the trials (the half-width in units of σ
        // grows only like √ln n).
        double lo = 0;
        double hi = Math.Log(SampleSize.TwoProportions(baselineRate, targetRate, options.Alpha, power));
        while (Excess(hi) < 0)
        {
            lo = hi;
            hi += Math.Log(2.0);
            if (hi > Math.Log(MaximumTrials))
            {
                return null;
            }
        }

        return Excess(lo) >= 0 ? Math.Exp(lo) : Math.Exp(Brent.FindRoot(Excess, lo, hi, 1e-13, 400));
    }

    /// <summary>
    /// The smallest relative lift of <paramref name="baselineRate"/> that a test detects with the given trials per arm
    /// and power: for the fixed-horizon z-test (<see cref="SampleSize.TwoProportions"/>) when
    /// <paramref name="sequential"/> is null, else for the sequential test.
    /// </summary>
    /// <param name="baselineRate">The control's rate, strictly between 0 and 1.</param>
    /// <param name="trialsPerArm">Trials in each arm, positive.</param>
    /// <param name="alpha">α of the fixed-horizon test; ignored for the sequential one (its options carry α).</param>
    /// <param name="power">The power, strictly between α and 1; 0.8 by default.</param>
    /// <param name="sequential">The sequential test's options, or null for the fixed-horizon test.</param>
    /// <returns>The relative lift (0.05 = +5 %), positive; null when even a rate of 1 is not detected.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double? MinimumDetectableLift(double baselineRate, double trialsPerArm, double alpha = 0.05, double power = 0.8, SequentialOptions? sequential = null)
    {
        sequential?.Validate(nameof(sequential));
        double a = sequential?.Alpha ?? alpha;
        Guard.OpenUnit(baselineRate, nameof(baselineRate), "The baseline rate");
        Guard.OpenUnit(a, nameof(alpha), "Alpha");
        Guard.OpenUnit(power, nameof(power), "Power");
        if (!(trialsPerArm > 0) || double.IsInfinity(trialsPerArm))
        {
            throw new ArgumentOutOfRangeException(nameof(trialsPerArm), trialsPerArm,
                Guard.Format($"Trials per arm must be positive and finite; got {trialsPerArm}."));
        }

        double rho = sequential is null ? 0 : SequentialTest.Rho(sequential.Alpha, sequential.TuningParameter);

        // Positive when the lift is detected with these trials: the fixed test needs fewer trials, or the sequential
        // test has more power than asked for.
        double Excess(double lift)
        {
            double target = baselineRate * (1.0 + lift);
            return sequential is null
                ? Math.Log(trialsPerArm) - Math.Log(SampleSize.TwoProportions(baselineRate, target, a, power))
                : SequentialCore(baselineRate, target, trialsPerArm, a, rho) - power;
        }

        double hi = ((1.0 - baselineRate) / baselineRate) * (1.0 - 1e-12);
        double lo = hi * 1e-12;
        if (Excess(hi) < 0)
        {
            return null;
        }

        return Excess(lo) >= 0 ? lo : Brent.FindRoot(Excess, lo, hi, 1e-15, 400);
    }

    /// <summary>
    /// Plans a test at the observed volume: how many trials and whole days a relative lift of the control's rate
    /// needs (fixed-horizon and sequential), how many more days that is, and the smallest lift detectable now.
    /// </summary>
    /// <param name="controlRate">The control's rate so far, strictly between 0 and 1.</param>
    /// <param name="lift">The relative lift to plan for, positive (0.05 = +5 %), with a target rate below 1.</param>
    /// <param name="dailyTrialsPerArm">The trials per arm per day, positive (use the smallest arm's average).</param>
    /// <param name="trialsPerArm">The trials per arm so far, zero or more (use the smallest arm's).</param>
    /// <param name="power">The power, strictly between α and 1; 0.8 by default.</param>
    /// <param name="options">α and the tuning constant (α is used for the fixed-horizon test too); defaults when null.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static PowerPlan Plan(double controlRate, double lift, double dailyTrialsPerArm, double trialsPerArm, double power = 0.8, SequentialOptions? options = null)
    {
        options ??= SequentialOptions.Default;
        options.Validate(nameof(options));
        if (!(lift > 0) || double.IsInfinity(lift))
        {
            throw new ArgumentOutOfRangeException(nameof(lift), lift, Guard.Format($"The lift must be positive; got {lift}."));
        }

        if (!(dailyTrialsPerArm > 0) || double.IsInfinity(dailyTrialsPerArm))
        {
            throw new ArgumentOutOfRangeException(nameof(dailyTrialsPerArm), dailyTrialsPerArm,
                Guard.Format($"The daily trials per arm must be positive and finite; got {dailyTrialsPerArm}."));
        }

        if (!(trialsPerArm >= 0) || double.IsInfinity(trialsPerArm))
        {
            throw new ArgumentOutOfRangeException(nameof(trialsPerArm), trialsPerArm,
                Guard.Format($"The trials per arm must be zero or more and finite; got {trialsPerArm}."));
        }

        double target = controlRate * (1.0 + lift);
        Guard.OpenUnit(target, nameof(lift), "The control rate times (1 + lift)");
        double fixedTrials = SampleSize.TwoProportions(controlRate, target, options.Alpha, power);
        double? sequentialTrials = SequentialTrialsPerArm(controlRate, target, power, options);
        return new PowerPlan(
            controlRate,
            lift,
            dailyTrialsPerArm,
            trialsPerArm,
            fixedTrials,
            sequentialTrials,
            Days(fixedTrials, dailyTrialsPerArm),
            sequentialTrials is { } s ? Days(s, dailyTrialsPerArm) : null,
            Days(fixedTrials - trialsPerArm, dailyTrialsPerArm),
            sequentialTrials is { } s2 ? Days(s2 - trialsPerArm, dailyTrialsPerArm) : null,
            trialsPerArm > 0 ? MinimumDetectableLift(controlRate, trialsPerArm, options.Alpha, power) : null,
            trialsPerArm > 0 ? MinimumDetectableLift(controlRate, trialsPerArm, options.Alpha, power, options) : null);
    }

    /// <summary>Whole days of <paramref name="perDay"/> trials to collect <paramref name="trials"/> (0 when none are missing).</summary>
    private static long Days(double trials, double perDay) => trials <= 0 ? 0 : (long)Math.Min(Math.Ceiling(trials / perDay), long.MaxValue / 2);

    private static double SequentialCore(double baselineRate, double targetRate, double trialsPerArm, double alpha, double rho)
    {
        double sigma = Math.Sqrt(((baselineRate * (1.0 - baselineRate)) + (targetRate * (1.0 - targetRate))) / trialsPerArm);
        double n = 2.0 * trialsPerArm;
        double half = SequentialTest.HalfWidth(sigma * sigma * n, n, alpha, rho);
        double shift = Math.Abs(targetRate - baselineRate) / sigma;
        double c = half / sigma;
        return NormalDistribution.Cdf(shift - c) + NormalDistribution.Cdf(-shift - c);
    }
}
