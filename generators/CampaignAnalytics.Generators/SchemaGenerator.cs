using Microsoft.CodeAnalysis;

namespace CampaignAnalytics.Generators;

/// <summary>Placeholder while the pipeline is written.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
