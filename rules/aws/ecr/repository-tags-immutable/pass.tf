resource "aws_ecr_repository" "serving" {
  name = "ml/serving"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "training" {
  name = "ml/training"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "latest*"
    filter_type = "WILDCARD"
  }
}
