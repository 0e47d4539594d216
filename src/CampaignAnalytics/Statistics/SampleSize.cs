using System;
using MathNet.Numerics.RootFinding;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// Planning: the number of trials needed in each of two equal arms to detect a change from a baseline rate to a
/// target rate with a given significance level and power.
/// </summary>
public static class SampleSize
{
    /// <summary>
    /// Trials per arm for a two-proportion z-test with the pooled variance under the null (Fleiss, without continuity
    /// correction): n = (z_α √(2 p̄(1−p̄)) + z_β √(p1(1−p1) + p2(1−p2)))² / (p1 − p2)², p̄ = (p1 + p2)/2
    /// (as statsmodels' <c>samplesize_proportions_2indep_onetail</c>).
    /// </summary>
    /// <param name="baselineRate">The control's expected rate, a fraction strictly between 0 and 1 (e.g. 0.02).</param>
    /// <param name="targetRate">The variant's rate to detect, strictly between 0 and 1 and different from <paramref name="baselineRate"/>.</param>
    /// <param name="alpha">The significance level, strictly between 0 and 1; 0.05 by default.</param>
    /// <param name="power">The probability of detecting the change, strictly between <paramref name="alpha"/> and 1; 0.8 by default.</param>
    /// <param name="twoSided">True (default) for a two-sided test (z at α/2); false for a one-sided test in the direction of the change.</param>
    /// <returns>The unrounded number of trials per arm; see <see cref="Ceiling"/> to round it up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range, or the two rates are equal.</exception>
    public static double TwoProportions(double baselineRate, double targetRate, double alpha = 0.05, double power = 0.8, bool twoSided = true)
    {
        Validate(baselineRate, targetRate, alpha, power);
        double zAlpha = NormalDistribution.UpperQuantile(twoSided ? alpha / 2.0 : alpha);
        double zBeta = NormalDistribution.UpperQuantile(1.0 - power);
        double pooled = (baselineRate + targetRate) / 2.0;
        double sdNull = Math.Sqrt(2.0 * pooled * (1.0 - pooled));
        double sdAlternative = Math.Sqrt((baselineRate * (1.0 - baselineRate)) + (targetRate * (1.0 - targetRate)));
        double root = ((zAlpha * sdNull) + (zBeta * sdAlternative)) / (targetRate - baselineRate);
        return root * root;
    }

    /// <summary>
    /// Trials per arm from Cohen's effect size h = |2 asin √p2 − 2 asin √p1| and the normal power function of
    /// two equal independent samples (as statsmodels' <c>NormalIndPower().solve_power</c>; for a two-sided test the
    /// power includes the far rejection tail, so the result is solved numerically).
    /// </summary>
    /// <param name="baselineRate">The control's expected rate, a fraction strictly between 0 and 1 (e.g. 0.02).</param>
    /// <param name="targetRate">The variant's rate to detect, strictly between 0 and 1 and different from <paramref name="baselineRate"/>.</param>
    /// <param name="alpha">The significance level, strictly between 0 and 1; 0.05 by default.</param>
    /// <param name="power">The probability of detecting the change, strictly between <paramref name="alpha"/> and 1; 0.8 by default.</param>
    /// <param name="twoSided">True (default) for a two-sided test; false for a one-sided test in the direction of the change.</param>
    /// <returns>The unrounded number of trials per arm; see <see cref="Ceiling"/> to round it up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range, or the two rates are equal.</exception>
    public static double CohensH(double baselineRate, double targetRate, double alpha = 0.05, double power = 0.8, bool twoSided = true)
    {
        Validate(baselineRate, targetRate, alpha, power);
        double h = EffectSizeH(baselineRate, targetRate);
        double zBeta = NormalDistribution.UpperQuantile(1.0 - power);
        double x;
        if (twoSided)
        {
            // Power of the standardised shift x = h √(n/2): Φ(x − z) + Φ(−x − z), increasing in x ≥ 0.
            double z = NormalDistribution.UpperQuantile(alpha / 2.0);
            double Excess(double shift) =>
                NormalDistribution.Survival(z - shift) + NormalDistribution.Cdf(-shift - z) - power;

            // At 0 the power is α < power; at z + z_β the near tail alone reaches it.
            double upper = z + zBeta;
            x = Excess(upper) <= 0 ? upper : Brent.FindRoot(Excess, 0.0, upper, 1e-15, 200);
        }
        else
        {
            x = NormalDistribution.UpperQuantile(alpha) + zBeta;
        }

        return 2.0 * (x / h) * (x / h);
    }

    /// <summary>Cohen's effect size h = |2 asin √<paramref name="targetRate"/> − 2 asin √<paramref name="baselineRate"/>| (radians, dimensionless).</summary>
    /// <param name="baselineRate">A rate in [0, 1].</param>
    /// <param name="targetRate">A rate in [0, 1].</param>
    /// <returns>h, zero or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside [0, 1] or NaN.</exception>
    public static double EffectSizeH(double baselineRate, double targetRate)
    {
        CheckRate(baselineRate, nameof(baselineRate));
        CheckRate(targetRate, nameof(targetRate));
        return Math.Abs((2.0 * Math.Asin(Math.Sqrt(targetRate))) - (2.0 * Math.Asin(Math.Sqrt(baselineRate))));
    }

    /// <summary>Rounds a planned number of trials per arm up to whole trials.</summary>
    /// <param name="trialsPerArm">A result of <see cref="TwoProportions"/> or <see cref="CohensH"/>: finite and zero or more.</param>
    /// <returns>The smallest whole number of trials not below <paramref name="trialsPerArm"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trialsPerArm"/> is negative, NaN, or too large for a long.</exception>
    public static long Ceiling(double trialsPerArm)
    {
        if (!(trialsPerArm >= 0 && trialsPerArm < 9.2e18))
        {
            throw new ArgumentOutOfRangeException(nameof(trialsPerArm), trialsPerArm,
                Guard.Format($"A number of trials must be finite and zero or more; got {trialsPerArm}."));
        }

        return (long)Math.Ceiling(trialsPerArm);
    }

    private static void CheckRate(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, Guard.Format($"A rate must be in [0, 1]; got {value}."));
        }
    }

    internal static void Validate(double baselineRate, double targetRate, double alpha, double power)
    {
        Guard.OpenUnit(baselineRate, nameof(baselineRate), "The baseline rate");
        Guard.OpenUnit(targetRate, nameof(targetRate), "The target rate");
        Guard.OpenUnit(alpha, nameof(alpha), "Alpha");
        Guard.OpenUnit(power, nameof(power), "Power");
        if (baselineRate == targetRate)
        {
            throw new ArgumentOutOfRangeException(nameof(targetRate), targetRate,
                "The target rate must differ from the baseline rate: no sample size detects a zero change.");
        }

        if (power <= alpha)
        {
            throw new ArgumentOutOfRangeException(nameof(power), power,
                Guard.Format($"Power must exceed alpha ({alpha}); got {power}."));
        }
    }
}
