using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CampaignAnalytics.Statistics;

/// <summary>How much work one <see cref="BetaComparison.Greater(double, double, double, double, double, out BetaComparisonWork)"/> did.</summary>
/// <param name="SaddleSteps">Newton (or bisection) steps spent locating the saddle point.</param>
/// <param name="Nodes">Integrand evaluations of the last trapezoidal sum (0 when the tail was decided by its Chernoff bound).</param>
/// <param name="Passes">Trapezoidal sums computed (a second one only when the first result fell below the estimate its step was planned for).</param>
internal readonly record struct BetaComparisonWork(int SaddleSteps, int Nodes, int Passes);

/// <summary>A trapezoidal sum along Re t = <paramref name="Abscissa"/>: step, node count and the scale e^{K(c)} of its terms.</summary>
internal readonly record struct TrapezoidalPlan(double Abscissa, double LogScale, double Step, int Nodes);

/// <summary>
/// P(X &gt; Y) for independent X ~ Beta(a₁, b₁) and Y ~ Beta(a₂, b₂), by inverting the moment generating function
/// of S = ln G₁ + ln H₂ − ln G₂ − ln H₁ (X = G₁/(G₁+H₁), Y = G₂/(G₂+H₂) with independent Gamma variables, so
/// X &gt; Y ⇔ S &gt; 0) along the vertical line through the saddle point.
/// </summary>
/// <remarks>
/// <para>M(t) = E[e^{tS}] = Γ(a₁+t)Γ(b₂+t)Γ(a₂−t)Γ(b₁−t) / (Γ(a₁)Γ(b₂)Γ(a₂)Γ(b₁)) for −min(a₁, b₂) &lt; t &lt; min(a₂, b₁),
/// and for any 0 &lt; c &lt; min(a₂, b₁) the Bromwich integral P(S &gt; 0) = (1/π) ∫₀^∞ Re[M(c+iu)/(c+iu)] du is exact.
/// c is the saddle point of M(t)/t (K′(c) = 1/c with K = ln M), where the integrand is a smooth bell, and the
/// integral is summed by the trapezoidal rule with step h over N nodes. When the pole of M at min(a₂, b₁) is so
/// close that it alone would force a fine step, the line may move left to where |M(t)/t| is 16 times its saddle
/// value (costing at most a factor 16 in rounding), whichever needs fewer nodes.</para>
/// <para>Errors, each bounded at run time and made at most 10⁻¹⁶ × (a lower bound of the result):
/// (1) discretisation: by Poisson summation the trapezoidal sum exceeds the integral by exactly
/// Σ_{j≠0} e^{c s_j} P(S &gt; s_j), s_j = 2πj/h, which is at most ρ/(1−ρ) with ρ = e^{−2πc/h} for j &lt; 0 and, by
/// Chernoff, M(t′) ρ′/(1−ρ′) with ρ′ = e^{−2π(t′−c)/h} for j &gt; 0 (any c &lt; t′ &lt; min(a₂, b₁));
/// (2) truncation at u = Nh: |M(c+iu)| ≤ M(c) Π_k e^{−B(x_k, u)} with B(x, u) = u·atan(u/x) − (x/2)·ln(1+u²/x²)
/// (from |Γ(x+iu)/Γ(x)|² = Π_n (1 + u²/(x+n)²)⁻¹, sum ≥ integral), convex in u, so the tail is at most
/// M(c) e^{−B(U)} / (π U B′(U)), B′ = Σ atan(u/x_k).
/// The lower bound of the result is the saddle-point estimate / 4, re-planned from the computed value when that is
/// smaller. What remains is rounding: K is evaluated without cancellation (its linear term t·ln(a₁b₂/(a₂b₁)) from an
/// exact integer ratio, the rest through ln(1+x) − x series and Stirling's series with a proven remainder), so the
/// relative error is a few units of 10⁻¹⁶ times the size of K's terms (≲ 10³ whenever the result is a normal double).</para>
/// <para>When e^{K(c)} &lt; e^{−746} the Chernoff bound P(S &gt; 0) ≤ M(c) puts the result below half the smallest
/// subnormal double, so 0 is the correctly rounded result.</para>
/// </remarks>
internal static class BetaComparison
{
    /// <summary>The bound on each of the discretisation and truncation errors, relative to the result.</summary>
    internal const double Epsilon = 1e-16;

    /// <summary>At most this many integrand evaluations per sum: the step is widened if the plan asks for more.</summary>
    internal const int MaxNodes = 1 << 16;

    /// <summary>ln M(c) below this: the result is 0 (see the class remarks).</summary>
    private const double NegligibleLog = -746.0;

    /// <summary>Stirling's series is used from this argument on (its remainder after seven terms is below 3e-19 there).</summary>
    private const double StirlingFrom = 20.0;

    private const int MaxSaddleSteps = 200;

    /// <summary>P(X &gt; Y), X ~ Beta(a₁, b₁), Y ~ Beta(a₂, b₂), all four at least 1.</summary>
    /// <param name="a1">α of X.</param>
    /// <param name="b1">β of X.</param>
    /// <param name="a2">α of Y.</param>
    /// <param name="b2">β of Y.</param>
    /// <param name="logOddsRatio">ln(a₁b₂ / (a₂b₁)), computed by the caller without cancellation.</param>
    /// <param name="work">The work done.</param>
    internal static double Greater(double a1, double b1, double a2, double b2, double logOddsRatio, out BetaComparisonWork work)
    {
        var k = new Cgf(a1, b1, a2, b2, logOddsRatio);
        var c = k.Saddle(out var steps);
        var kc = k.Value(c);
        if (!(kc >= NegligibleLog))
        {
            work = new BetaComparisonWork(steps, 0, 0);
            return 0.0;
        }

        // Saddle-point estimate of the result, over 4: the errors are planned relative to it.
        var logLow = kc - Math.Log(c) - 0.5 * Math.Log(2 * Math.PI * k.Second(c)) - Math.Log(4.0);
        var result = 0.0;
        var nodes = 0;
        var passes = 0;
        while (passes < 3)
        {
            passes++;
            var plan = Plan(k, c, logLow);
            nodes = plan.Nodes;
            var sum = TrapezoidalSum(k, plan);
            if (!(sum > 0))
            {
                result = 0.0;
                break;
            }

            var logResult = plan.LogScale + Math.Log(plan.Step * sum / Math.PI);
            result = Math.Exp(logResult);
            if (logResult >= logLow)
            {
                break;
            }

            logLow = logResult - Math.Log(2.0);
        }

        work = new BetaComparisonWork(steps, nodes, passes);
        return Math.Clamp(result, 0.0, 1.0);
    }

    /// <summary>
    /// The contour, step and node count that keep both aliasing sums and the truncated tail each below
    /// ε·e^{logLow}/4. Through the saddle point, unless a pole of M close to it forces a fine step: then also
    /// through the point left of it where |M(t)/t| is 16 times its saddle value, whichever needs fewer nodes.
    /// </summary>
    private static TrapezoidalPlan Plan(in Cgf k, double saddle, double logLow)
    {
        var plan = PlanAt(k, saddle, logLow, out var poleLimited);
        if (poleLimited)
        {
            var shifted = PlanAt(k, k.LeftOfSaddle(saddle, Math.Log(16.0)), logLow, out _);
            if (shifted.Nodes < plan.Nodes)
            {
                plan = shifted;
            }
        }

        return plan;
    }

    private static TrapezoidalPlan PlanAt(in Cgf k, double c, double logLow, out bool poleLimited)
    {
        var kc = k.Value(c);
        var logTarget = Math.Log(Epsilon / 4) + logLow;

        // Aliasing from s < 0: ρ = e^{−2πc/h} ≤ min(1/2, target), so ρ/(1−ρ) ≤ 2ρ.
        var h = 2 * Math.PI * c / Math.Max(Math.Log(2.0), Math.Log(2.0) - logTarget);

        // Aliasing from s > 0, through the best of a few Chernoff points t′.
        var tMax = k.UpperLimit;
        var sd = 1 / Math.Sqrt(k.Second(c));
        var best = 0.0;
        foreach (var m in (ReadOnlySpan<double>)[2, 4, 8, 16, 32])
        {
            best = Math.Max(best, Chernoff(k, c, c + m * sd, tMax, logTarget));
        }

        foreach (var f in (ReadOnlySpan<double>)[0.99, 0.9, 0.75, 0.5, 0.25, 0.125, 1.0 / 64])
        {
            best = Math.Max(best, Chernoff(k, c, c + f * (tMax - c), tMax, logTarget));
        }

        poleLimited = 2 * Math.PI * best < h;
        h = Math.Min(h, 2 * Math.PI * best);

        // Truncation: double, then bisect, the cut-off U until the tail bound is below the target.
        var low = 0.0;
        var high = sd;
        for (var i = 0; i < 2100 && TailBound(k, c, kc, high) > logTarget; i++)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 30 && high - low > 0.01 * high; i++)
        {
            var mid = 0.5 * (low + high);
            if (TailBound(k, c, kc, mid) > logTarget)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var nodes = Math.Ceiling(high / h);
        if (nodes > MaxNodes)
        {
            // Never reached for counts up to 2^53 (see the tests); widening keeps the work bounded regardless.
            h = high / MaxNodes;
            nodes = MaxNodes;
        }

        return new TrapezoidalPlan(c, kc, h, Math.Max(1, (int)nodes));
    }

    /// <summary>(t′ − c) / ln(2M(t′)/target) when t′ is usable: the step is at most 2π times it.</summary>
    private static double Chernoff(in Cgf k, double c, double t, double tMax, double logTarget)
    {
        if (!(t > c && t < tMax))
        {
            return 0.0;
        }

        var need = Math.Max(Math.Log(2.0), Math.Log(2.0) + k.Value(t) - logTarget);
        return (t - c) / need;
    }

    /// <summary>ln of the bound M(c) e^{−B(u)} / (π u B′(u)) on (1/π)∫_u^∞ |M(c+iv)/(c+iv)| dv.</summary>
    private static double TailBound(in Cgf k, double c, double kc, double u)
    {
        double b = 0, slope = 0;
        Span<double> xs = [k.A1 + c, k.B2 + c, k.A2 - c, k.B1 - c];
        foreach (var x in xs)
        {
            var r = u / x;
            var atan = Math.Atan(r);
            b += u * atan - 0.5 * x * Log1p(r * r);
            slope += atan;
        }

        return kc - b - Math.Log(Math.PI * u * slope);
    }

    /// <summary>½f(0) + Σ_{j=1}^{n} Re f(jh), f(u) = e^{K(c+iu) − K(c)} / (c + iu), compensated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double TrapezoidalSum(in Cgf k, in TrapezoidalPlan plan)
    {
        var c = plan.Abscissa;
        var sum = 0.5 / c;
        var compensation = 0.0;
        for (var j = 1; j <= plan.Nodes; j++)
        {
            var t = new Complex(c, j * plan.Step);
            var term = (Complex.Exp(k.Value(t) - plan.LogScale) / t).Real;
            var s = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - s) + term : (term - s) + sum;
            sum = s;
        }

        return sum + compensation;
    }

    /// <summary>ln(1 + x) for real x &gt; −1, accurate for small x (Goldberg's correction of the rounded 1 + x).</summary>
    internal static double Log1p(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>Principal ln(1 + x), with an absolute error of a few ulps of |x| for small |x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Complex Log1p(Complex x)
    {
        double a = x.Real, b = x.Imaginary;
        var re = a * a + b * b < 0.25 ? 0.5 * Log1p(a * (2 + a) + b * b) : 0.5 * Math.Log(((1 + a) * (1 + a)) + (b * b));
        return new Complex(re, Math.Atan2(b, 1 + a));
    }

    /// <summary>ln(1 + x) − x with a small relative error: for |x| ≤ 1/2 through y = x/(2+x), ln(1+x) = 2 artanh y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Complex Log1pMinusX(Complex x)
    {
        var x2 = (x.Real * x.Real) + (x.Imaginary * x.Imaginary);
        if (x2 > 0.25)
        {
            return Log1p(x) - x;
        }

        // ln(1+x) − x = −xy + 2y Σ_{m≥1} y^{2m}/(2m+1), |y| ≤ 1/3: stop once a term is below 1e-18 |x|.
        var y = x / (2 + x);
        var y2 = y * y;
        var power = y2;
        var series = y2 / 3;
        var limit = 1e-36 * x2;
        for (var m = 2; m <= 40 && (power.Real * power.Real) + (power.Imaginary * power.Imaginary) > limit; m++)
        {
            power *= y2;
            series += power / (2 * m + 1);
        }

        return (-x * y) + (2 * y * series);
    }

    /// <summary>Stirling's correction μ(w) = ln Γ(w) − (w−½)ln w + w − ½ln 2π, |w| ≥ 20 and Re w &gt; 0.</summary>
    /// <remarks>Seven terms; the remainder is below |B₁₆|/(16·15)·sec¹⁶(arg w / 2)/|w|¹⁵ ≤ 3e-19.</remarks>
    private static Complex Mu(Complex w)
    {
        var z = 1 / w;
        var z2 = z * z;
        return z * (1.0 / 12 + z2 * (-1.0 / 360 + z2 * (1.0 / 1260 + z2 * (-1.0 / 1680 + z2 * (1.0 / 1188 + z2 * (-691.0 / 360360 + z2 * (1.0 / 156)))))));
    }

    private static double Mu(double w)
    {
        var z = 1 / w;
        var z2 = z * z;
        return z * (1.0 / 12 + z2 * (-1.0 / 360 + z2 * (1.0 / 1260 + z2 * (-1.0 / 1680 + z2 * (1.0 / 1188 + z2 * (-691.0 / 360360 + z2 * (1.0 / 156)))))));
    }

    /// <summary>How many unit steps bring <paramref name="low"/> up to where Stirling's series applies.</summary>
    private static int ShiftFor(double low) => low >= StirlingFrom ? 0 : (int)Math.Ceiling(StirlingFrom - low);

    /// <summary>The cumulant generating function K = ln M of S, its derivatives on the real line, and its domain.</summary>
    private readonly struct Cgf
    {
        private readonly double _logOddsRatio;

        internal Cgf(double a1, double b1, double a2, double b2, double logOddsRatio)
        {
            A1 = a1;
            B1 = b1;
            A2 = a2;
            B2 = b2;
            _logOddsRatio = logOddsRatio;
        }

        internal double A1 { get; }

        internal double B1 { get; }

        internal double A2 { get; }

        internal double B2 { get; }

        /// <summary>K is finite for t below this (and above −min(a₁, b₂)).</summary>
        internal double UpperLimit => Math.Min(A2, B1);

        /// <summary>K(t) = t·ln(a₁b₂/(a₂b₁)) + D(a₁, t) + D(b₂, t) + D(a₂, −t) + D(b₁, −t) (mod 2πi).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal Complex Value(Complex t) =>
            t * _logOddsRatio + LogGammaRatio(A1, t) + LogGammaRatio(B2, t) + LogGammaRatio(A2, -t) + LogGammaRatio(B1, -t);

        internal double Value(double t) => Value(new Complex(t, 0)).Real;

        /// <summary>K′(t) for real t.</summary>
        internal double First(double t) =>
            _logOddsRatio + DigammaRatio(A1, t) + DigammaRatio(B2, t) - DigammaRatio(A2, -t) - DigammaRatio(B1, -t);

        /// <summary>K″(t) for real t.</summary>
        internal double Second(double t) => Trigamma(A1 + t) + Trigamma(B2 + t) + Trigamma(A2 - t) + Trigamma(B1 - t);

        /// <summary>The root of K′(c) = 1/c in (0, min(a₂, b₁)): safeguarded Newton, at most 200 steps.</summary>
        internal double Saddle(out int steps)
        {
            var mu = First(0);
            var v = Second(0);
            var root = Math.Sqrt(mu * mu + 4 * v);
            var c = mu >= 0 ? 2 / (mu + root) : (root - mu) / (2 * v);
            double low = 0, high = UpperLimit;
            if (!(c > low && c < high))
            {
                c = 0.5 * high;
            }

            for (steps = 1; steps <= MaxSaddleSteps; steps++)
            {
                var g = First(c) - 1 / c;
                if (g == 0)
                {
                    break;
                }

                if (g > 0)
                {
                    high = c;
                }
                else
                {
                    low = c;
                }

                var next = c - g / (Second(c) + 1 / (c * c));
                if (!(next > low && next < high))
                {
                    next = low > 0 ? Math.Sqrt(low * high) : 0.5 * high;
                }

                var done = Math.Abs(next - c) <= 1e-10 * c;
                c = next;
                if (done)
                {
                    break;
                }
            }

            return c;
        }

        /// <summary>
        /// The point c′ &lt; c where ln|M(c′)/c′| exceeds its saddle value ln|M(c)/c| by <paramref name="rise"/>
        /// (K(t) − ln t is convex with its minimum at the saddle c), by bisection.
        /// </summary>
        internal double LeftOfSaddle(double c, double rise)
        {
            var level = Value(c) - Math.Log(c) + rise;
            double low = 0, high = c;
            for (var i = 0; i < 60 && high - low > 1e-3 * high; i++)
            {
                var mid = 0.5 * (low + high);
                if (Value(mid) - Math.Log(mid) > level)
                {
                    low = mid;
                }
                else
                {
                    high = mid;
                }
            }

            return high;
        }

        /// <summary>D(k, t) = ln Γ(k+t) − ln Γ(k) − t ln k (mod 2πi), Re(k+t) &gt; 0, without cancellation of large terms.</summary>
        /// <remarks>
        /// Below Stirling's range, ln Γ(k+t) − ln Γ(k) = [ln Γ(k′+t) − ln Γ(k′)] − ln Π_{i&lt;n} (1 + t/(k+i)), k′ = k + n;
        /// the product is taken in pieces that cannot overflow, and its logarithm only modulo 2πi, which e^K ignores.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static Complex LogGammaRatio(double k, Complex t)
        {
            var n = ShiftFor(Math.Min(k, k + t.Real));
            var kk = k + n;
            var x = t / kk;
            var d = (kk * Log1pMinusX(x)) + ((t - 0.5) * Log1p(x)) + Mu(kk + t) - Mu(kk);
            if (n > 0)
            {
                d += t * Log1p(n / k);
                if ((t.Real * t.Real) + (t.Imaginary * t.Imaginary) < 1)
                {
                    for (var i = 0; i < n; i++)
                    {
                        d -= Log1p(t / (k + i));
                    }
                }
                else
                {
                    var product = Complex.One;
                    for (var i = 0; i < n; i++)
                    {
                        product *= 1 + (t / (k + i));
                        if (Math.Abs(product.Real) + Math.Abs(product.Imaginary) > 1e100)
                        {
                            d -= Complex.Log(product);
                            product = Complex.One;
                        }
                    }

                    d -= Complex.Log(product);
                }
            }

            return d;
        }

        /// <summary>ψ(k+t) − ln k for real t, k + t &gt; 0.</summary>
        private static double DigammaRatio(double k, double t)
        {
            var w = k + t;
            var n = ShiftFor(w);
            var v = w + n;
            var z2 = 1 / (v * v);
            var asymptotic = -0.5 / v - z2 * (1.0 / 12 + z2 * (-1.0 / 120 + z2 * (1.0 / 252 + z2 * (-1.0 / 240 + z2 * (1.0 / 132 + z2 * (-691.0 / 32760 + z2 / 12))))));
            var d = Log1p((t + n) / k) + asymptotic;
            for (var i = 0; i < n; i++)
            {
                d -= 1 / (w + i);
            }

            return d;
        }

        /// <summary>ψ′(w), w &gt; 0.</summary>
        private static double Trigamma(double w)
        {
            var n = ShiftFor(w);
            var v = w + n;
            var z = 1 / v;
            var z2 = z * z;
            var d = z + 0.5 * z2 + z * z2 * (1.0 / 6 + z2 * (-1.0 / 30 + z2 * (1.0 / 42 + z2 * (-1.0 / 30 + z2 * (5.0 / 66 + z2 * (-691.0 / 2730 + z2 * (7.0 / 6)))))));
            for (var i = 0; i < n; i++)
            {
                d += 1 / ((w + i) * (w + i));
            }

            return d;
        }
    }
}
