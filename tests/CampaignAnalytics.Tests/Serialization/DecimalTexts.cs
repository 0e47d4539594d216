using System;
using System.Text;

namespace CampaignAnalytics.Tests.Serialization;

/// <summary>Random plain JSON decimals (sign, integer part without leading zeros, optional fraction, no exponent).</summary>
internal static class DecimalTexts
{
    /// <summary>A decimal with 1 to <paramref name="maxIntegerDigits"/> integer digits and 0 to <paramref name="maxFractionDigits"/> fraction digits, negative one time in four.</summary>
    public static string Next(Random random, int maxIntegerDigits, int maxFractionDigits)
    {
        var intDigits = random.Next(1, maxIntegerDigits + 1);
        var fracDigits = random.Next(0, maxFractionDigits + 1);
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append('-');
        }

        text.Append((char)('0' + (intDigits == 1 ? random.Next(0, 10) : random.Next(1, 10))));
        for (var i = 1; i < intDigits; i++)
        {
            text.Append((char)('0' + random.Next(0, 10)));
        }

        if (fracDigits > 0)
        {
            text.Append('.');
            for (var i = 0; i < fracDigits; i++)
            {
                text.Append((char)('0' + random.Next(0, 10)));
            }
        }

        return text.ToString();
    }
}
