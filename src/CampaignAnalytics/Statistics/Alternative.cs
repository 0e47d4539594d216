namespace CampaignAnalytics.Statistics;

/// <summary>The alternative hypothesis of a test comparing a first rate with a second rate.</summary>
public enum Alternative
{
    /// <summary>The rates differ in either direction (the default, and what Braze's confidence uses).</summary>
    TwoSided = 0,

    /// <summary>The first rate is larger than the second (one-sided, upper tail).</summary>
    Larger = 1,

    /// <summary>The first rate is smaller than the second (one-sided, lower tail).</summary>
    Smaller = 2,
}
