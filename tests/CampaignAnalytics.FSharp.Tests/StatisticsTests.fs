/// The statistics functions, checked against STATS.md's published values (1e-9 relative).
module CampaignAnalytics.FSharp.Tests.StatisticsTests

open System
open CampaignAnalytics.Statistics
open CampaignAnalytics.FSharp
open CampaignAnalytics.FSharp.Tests.Support
open Xunit

let private p (successes: int64) (trials: int64) = Proportion(successes, trials)

let private bounds (interval: ConfidenceInterval | null) =
    interval |> Option.ofObj |> Option.map (fun i -> i.Lower, i.Upper) |> Option.get

[<Fact>]
let ``Two-proportion z-test, pooled`` () =
    let docstring = ZTest.TwoProportions(p 5L 83L, p 12L 99L)
    closeSome -1.4078304151258787 (Test.statistic docstring)
    closeSome 0.15918129181156992 (Test.pValue docstring)
    let braze = (p 250L 10000L, p 200L 10000L) |> ZTest.TwoProportions
    closeSome 2.3839951328405053 (Test.statistic braze)
    closeSome 0.01712582887219501 (Test.pValue braze)
    closeSome (1.0 - 0.01712582887219501) (Test.confidence braze)
    closeSome 0.008562914436097505 (ZTest.TwoProportions(p 250L 10000L, p 200L 10000L, Alternative.Larger) |> Test.pValue)
    // No trials: no statistic, rather than NaN or an exception.
    equal None (ZTest.TwoProportions(p 0L 0L, p 1L 10L) |> Test.statistic)

[<Fact>]
let ``Wilson and Newcombe intervals`` () =
    let check (lower, upper) (actualLower, actualUpper) =
        close lower actualLower
        close upper actualUpper
    p 12L 99L |> Wilson.Interval |> bounds |> check (0.07071551497720935, 0.20000661537720538)
    p 0L 50L |> Wilson.Interval |> bounds |> check (0.0, 0.07134759913335874)
    p 250L 10000L |> Wilson.Interval |> bounds |> check (0.02211756158552442, 0.02824723686661834)
    Newcombe.DifferenceInterval(p 250L 10000L, p 200L 10000L) |> bounds |> check (0.0008870475992941457, 0.009138266721419232)
    equal None (Wilson.Interval(p 0L 0L) |> Option.ofObj)

[<Fact>]
let ``Chi-square across arms and sample ratio mismatch`` () =
    let chi = ChiSquare.Homogeneity [ p 200L 10000L; p 250L 10000L; p 230L 10000L ]
    closeSome 5.7178396597383845 (Test.statistic chi)
    equal 2 chi.DegreesOfFreedom
    closeSome 0.057330653691431574 (Test.pValue chi)

    let srm = SampleRatioMismatch.Test [ 600L; 400L ]
    closeSome 40.0 (Test.statistic srm)
    closeSome 2.5396285894708634e-10 (Test.pValue srm)
    equal [ 500.0; 500.0 ] (List.ofSeq srm.Expected)
    closeSome 0.0008022781177678721 (SampleRatioMismatch.Test [ 44000L; 45000L ] |> Test.pValue)
    // An intended 20/80 split, in any scale.
    let skewed = SampleRatioMismatch.Test([ 200L; 800L ], [ 20.0; 80.0 ])
    closeSome 0.0 (Test.statistic skewed)

[<Fact>]
let ``Multiple-comparison adjustments`` () =
    let raw = [ 0.01; 0.04; 0.03; 0.20 ]
    let approx expected actual = List.iter2 close expected (List.ofSeq actual)
    raw |> Adjust.Holm |> approx [ 0.04; 0.09; 0.09; 0.2 ]
    raw |> Adjust.Bonferroni |> approx [ 0.04; 0.16; 0.12; 0.8 ]
    raw |> Adjust.BenjaminiHochberg |> approx [ 0.04; 0.16 / 3.0; 0.16 / 3.0; 0.2 ]
    // Missing p-values stay missing and do not count as tests.
    let withGap = PValues.holm [ Some 0.01; None; Some 0.04 ]
    equal [ Some 0.02; None; Some 0.04 ] withGap

[<Fact>]
let ``Bayesian probability to beat the control`` () =
    close 0.9135485984225288 (BayesianAb.ProbabilityToBeat(p 12L 99L, p 5L 83L))
    close 0.9914227751234097 (BayesianAb.ProbabilityToBeat(p 250L 10000L, p 200L 10000L))
    close 0.5 (BayesianAb.ProbabilityToBeat(p 100L 1000L, p 100L 1000L))

[<Fact>]
let ``Sample size per arm`` () =
    close 13808.924897180954 (SampleSize.TwoProportions(0.02, 0.025))
    close 13767.945574076617 (SampleSize.CohensH(0.02, 0.025, alpha = 0.05, power = 0.8))
    equal 13809L (SampleSize.TwoProportions(0.02, 0.025) |> SampleSize.Ceiling)
    Assert.True(SampleSize.EffectSizeH(0.02, 0.025) > 0.0)

[<Fact>]
let ``Proportions and arm counts validate their counts`` () =
    equal (Some 0.25) (Option.ofNullable (p 1L 4L).Rate)
    equal None (Option.ofNullable (p 0L 0L).Rate)
    equal 3L (p 1L 4L).Failures
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> ArmCounts("a", null, 10L, 11L) |> ignore) |> ignore
    equal (Some 12L) (Option.ofNullable (ArmCounts("a", "A", 10L, 1L, exposure = 12L)).Exposure)
